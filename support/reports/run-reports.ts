/**
 * Every report gpc-assure writes, from Cucumber's message stream alone: evidence/*.json as each scenario's
 * evidence attachment arrives, then summary.json and index.html when the run is over, and manifest.json
 * last of all, so its digests cover every file the run left (Cucumber's own, Allure's results, evidence,
 * index.html). The formatter plugin (cucumber-formatter.ts) drives it for `npx cucumber-js` and
 * `gpc-assure run` alike; the CLI drives it by hand only when Cucumber broke before any formatter started.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../base/files';
import type { ScenarioEvidence } from '../evidence/types';
import { writeHtmlReport } from './html-report';
import { evidenceKeyFromEnv } from './evidence-key';
import { writeManifest } from './manifest';
import { EvidenceCollector, runFacts, type PlannedScenario } from './report-model';
import { SummaryCollector } from './summary';
import type { Summary, SummaryEnvelope, Timestamp } from './summary-types';

/**
 * What the messages do not say about a run: what it was pointed at, and Cucumber's order option. A type, not
 * an interface, so it is assignable to Cucumber's JSON formatOptions.
 */
export type RunDescription = {
  /** `embedded`, or the target file's name. */
  target: string;
  targetFile?: string;
  /** The GP Connect spec version assured per capability (support/versions.ts), when the caller knows it. */
  specVersions?: Record<string, string>;
  faults: string[];
  order?: string;
};

export const SUMMARY_FILE = 'summary.json';
export const EVIDENCE_DIR = 'evidence';

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);

/** evidence/<feature>--<scenario>--<attempt id>.json: readable, and unique per attempt. */
export const evidenceFileName = (evidence: ScenarioEvidence, testCaseStartedId: string) =>
  `${slug(evidence.feature)}--${slug(evidence.scenario)}--${testCaseStartedId.slice(0, 8)}.json`;

const toDate = (t: Timestamp) => new Date(t.seconds * 1000 + t.nanos / 1e6);

export class RunReports {
  private readonly summary = new SummaryCollector();
  private readonly evidence: EvidenceCollector;
  private readonly pickles = new Map<string, PlannedScenario>();
  /** The scenarios Cucumber selected: it emits a testCase for each before any runs. */
  private readonly planned: PlannedScenario[] = [];
  private started?: Timestamp;
  private finished?: Timestamp;

  constructor(
    private readonly reportsDir: string,
    private readonly run: RunDescription,
  ) {
    // evidence/ holds this run's evidence alone: an earlier run's files must not pass for this one's.
    const evidenceDir = join(reportsDir, EVIDENCE_DIR);
    rmSync(evidenceDir, { recursive: true, force: true });
    mkdirSync(evidenceDir, { recursive: true });
    this.evidence = new EvidenceCollector((evidence, text, attemptId) =>
      writeFileSync(join(evidenceDir, evidenceFileName(evidence, attemptId)), text),
    );
  }

  readonly onMessage = (envelope: SummaryEnvelope): void => {
    this.summary.onMessage(envelope);
    this.evidence.onMessage(envelope);
    const { pickle, testCase, testRunStarted, testRunFinished } = envelope;
    if (pickle) this.pickles.set(pickle.id, { name: pickle.name, uri: pickle.uri, line: pickle.location?.line });
    if (testCase) {
      const planned = this.pickles.get(testCase.pickleId);
      if (planned) this.planned.push(planned);
    }
    if (testRunStarted) this.started = testRunStarted.timestamp;
    if (testRunFinished) this.finished = testRunFinished.timestamp;
  };

  /** When Cucumber broke before it emitted its test cases: the scenarios it had been asked to run. */
  assumePlanned(planned: PlannedScenario[]): void {
    if (this.planned.length === 0) this.planned.push(...planned);
  }

  /** A problem the messages cannot carry, e.g. Cucumber failing before the run started. */
  addError(message: string): void {
    this.summary.addError(message);
  }

  /** The summary of everything seen so far; index.html is written beside it. Returns summary.json's text too. */
  finish(): { summary: Summary; text: string } {
    const startedAt = this.started ? toDate(this.started) : new Date();
    const summary = this.summary.summarise({
      target: this.run.target,
      ...(this.run.targetFile ? { targetFile: this.run.targetFile } : {}),
      ...(this.run.specVersions ? { specVersions: this.run.specVersions } : {}),
      faults: this.run.faults,
      startedAt: startedAt.toISOString(),
      durationMs: this.finished ? toDate(this.finished).getTime() - startedAt.getTime() : 0,
    });
    writeHtmlReport(this.reportsDir, {
      summary,
      planned: this.planned,
      evidence: this.evidence.evidence,
      facts: runFacts(PACKAGE_ROOT, this.run.order),
    });
    return { summary, text: `${JSON.stringify(summary, null, 2)}\n` };
  }
}

/** For the CLI's own fallback: summary.json, index.html and the manifest, written here and now. */
export function writeRunReportsNow(reports: RunReports, reportsDir: string): Summary {
  const { summary, text } = reports.finish();
  writeFileSync(join(reportsDir, SUMMARY_FILE), text);
  writeManifest(reportsDir, evidenceKeyFromEnv());
  return summary;
}
