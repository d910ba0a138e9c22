/**
 * What index.html is drawn from: summary.json, each scenario's evidence, the scenarios Cucumber planned to
 * run, and facts about the run itself. Evidence is taken from the message stream rather than the files in
 * evidence/, because an envelope names its test case, so evidence meets its scenario by place (uri:line)
 * with no guessing from names — and --parallel workers' attachments arrive on the same stream.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EVIDENCE_MEDIA_TYPE, type ScenarioEvidence } from '../evidence/types';
import type { ScenarioResult, Summary, SummaryEnvelope } from './summary-types';

/** A scenario Cucumber selected to run, whether or not it then ran. */
export interface PlannedScenario {
  name: string;
  uri: string;
  line?: number;
}

export interface RunFacts {
  versions: { gpcAssure: string; node: string; cucumber: string };
  /** The project's commit, when it is a git checkout with git installed. */
  gitSha?: string;
  /** Cucumber's order option when it is random, e.g. `random:1234`: the seed that replays the order. */
  order?: string;
}

export interface ReportModel {
  summary: Summary;
  facts: RunFacts;
  planned: PlannedScenario[];
  /** Keyed by scenarioKey(uri, line, name). */
  evidence: Map<string, ScenarioEvidence>;
  /**
   * A merged report's evidence, by result: there two results (one per shard or target) may share a place and a
   * name, so the key above cannot tell them apart. Used instead of `evidence` when given.
   */
  evidenceByResult?: ReadonlyMap<ScenarioResult, ScenarioEvidence>;
}

/** Where a scenario sits; the name is only the fallback for a pickle with no line. */
export const scenarioKey = (uri: string, line: number | undefined, name: string) => `${uri}:${line ?? name}`;

const decode = (a: NonNullable<SummaryEnvelope['attachment']>) => (a.contentEncoding === 'BASE64' ? Buffer.from(a.body, 'base64').toString('utf8') : a.body);

/** Follows attachment → test case attempt → test case → pickle; a retried scenario keeps its last attempt's evidence. */
export class EvidenceCollector {
  private readonly pickleKeys = new Map<string, string>();
  private readonly testCasePickles = new Map<string, string>();
  private readonly attemptCases = new Map<string, string>();
  readonly evidence = new Map<string, ScenarioEvidence>();

  /** `onEvidence` sees each evidence attachment once, parsed, with its text as the World wrote it. */
  constructor(private readonly onEvidence?: (evidence: ScenarioEvidence, text: string, testCaseStartedId: string) => void) {}

  readonly onMessage = (envelope: SummaryEnvelope): void => {
    const { pickle, testCase, testCaseStarted, attachment } = envelope;
    if (pickle) this.pickleKeys.set(pickle.id, scenarioKey(pickle.uri, pickle.location?.line, pickle.name));
    if (testCase) this.testCasePickles.set(testCase.id, testCase.pickleId);
    if (testCaseStarted) this.attemptCases.set(testCaseStarted.id, testCaseStarted.testCaseId);
    if (attachment?.mediaType !== EVIDENCE_MEDIA_TYPE || !attachment.testCaseStartedId) return;
    const key = this.pickleKeys.get(this.testCasePickles.get(this.attemptCases.get(attachment.testCaseStartedId) ?? '') ?? '');
    const text = decode(attachment);
    let evidence: ScenarioEvidence;
    try {
      evidence = JSON.parse(text) as ScenarioEvidence;
    } catch {
      // Unreadable evidence is left out of the page and of evidence/; messages.ndjson still holds it.
      return;
    }
    if (key) this.evidence.set(key, evidence);
    this.onEvidence?.(evidence, text, attachment.testCaseStartedId);
  };
}

function gitSha(root: string): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || undefined;
  } catch {
    return undefined;
  }
}

const packageVersion = (file: string) => (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;

export function runFacts(packageRoot: string, order: string | undefined): RunFacts {
  const sha = gitSha(packageRoot);
  return {
    versions: {
      gpcAssure: packageVersion(join(packageRoot, 'package.json')),
      node: process.version,
      cucumber: packageVersion(require.resolve('@cucumber/cucumber/package.json')),
    },
    ...(sha ? { gitSha: sha } : {}),
    ...(order?.startsWith('random') ? { order } : {}),
  };
}
