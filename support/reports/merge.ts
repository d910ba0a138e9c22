/**
 * Merging report folders (shards of one run, or the targets of an estate run) into one: summary.json
 * rebuilt from every input's scenario results, evidence/ and allure-results/ copied side by side, the
 * JUnit suites gathered under one <testsuites>, a fresh index.html, and a fresh manifest.json written last.
 * Each input's own manifest is checked first: a tampered input is refused, never merged into clean-looking
 * output.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../base/files';
import type { ScenarioEvidence } from '../evidence/types';
import { evidenceKeyFromEnv } from './evidence-key';
import { writeHtmlReport } from './html-report';
import { isClean, MANIFEST_FILE, readManifest, verifyManifest, writeManifest } from './manifest';
import { runFacts } from './report-model';
import { EVIDENCE_DIR, SUMMARY_FILE } from './run-reports';
import { summaryOfResults } from './summary';
import type { ScenarioResult, Summary } from './summary-types';

const JUNIT_FILE = 'junit.xml';
const ALLURE_DIR = 'allure-results';

/** An input that cannot be merged: its manifest is missing, unreadable, or no longer matches its files. */
export class RefusedInput extends Error {
  override readonly name = 'RefusedInput';
}

function checkedSummary(dir: string): Summary {
  let manifest;
  try {
    manifest = readManifest(dir);
  } catch (err) {
    throw new RefusedInput(`${dir}: no readable ${MANIFEST_FILE} (${(err as Error).message}); not merged`);
  }
  const check = verifyManifest(dir, manifest);
  if (!isClean(check)) {
    const named = (['added', 'removed', 'changed'] as const).flatMap((k) => check[k].map((p) => `${k} ${p}`));
    throw new RefusedInput(`${dir}: TAMPERED: differs from its ${MANIFEST_FILE} (${named.join(', ')}); not merged`);
  }
  return JSON.parse(readFileSync(join(dir, SUMMARY_FILE), 'utf8')) as Summary;
}

/** Every input's JUnit suites under one root; each input's XML declaration and root element dropped. */
function mergedJunit(dirs: string[]): string {
  const suites = dirs
    .map((d) => join(d, JUNIT_FILE))
    .filter(existsSync)
    .flatMap((file) => readFileSync(file, 'utf8').match(/<testsuite[\s>][\s\S]*?<\/testsuite>/g) ?? []);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n${suites.join('\n')}\n</testsuites>\n`;
}

/**
 * Copies DIR/sub into out/sub; names are unique per attempt, so a clash means the same file twice. Returns,
 * per input in the order given, the evidence files it held.
 */
function copyAll(dirs: string[], sub: string, out: string): ScenarioEvidence[][] {
  return dirs.map((dir) => {
    const copied: ScenarioEvidence[] = [];
    const from = join(dir, sub);
    if (!existsSync(from)) return copied;
    mkdirSync(join(out, sub), { recursive: true });
    for (const name of readdirSync(from)) {
      cpSync(join(from, name), join(out, sub, name), { recursive: true });
      if (sub === EVIDENCE_DIR && name.endsWith('.json'))
        copied.push(JSON.parse(readFileSync(join(from, name), 'utf8')) as ScenarioEvidence);
    }
    return copied;
  });
}

/**
 * Each input's evidence meets that input's results only. Evidence files carry feature and scenario names, not
 * places, and two shards or targets may hold scenarios of the same name (every target runs the same
 * features): matched across inputs, every target's scenario would show one target's evidence. Keyed by the
 * result objects themselves, which the merged summary keeps (mergeSummaries sorts, never copies, them).
 */
export function evidenceByInput(
  summaries: readonly Summary[],
  evidence: readonly ScenarioEvidence[][],
): Map<ScenarioResult, ScenarioEvidence> {
  const byResult = new Map<ScenarioResult, ScenarioEvidence>();
  summaries.forEach((s, i) => {
    const byName = new Map((evidence[i] ?? []).map((e) => [`${e.feature}\n${e.scenario}`, e]));
    for (const r of s.results) {
      const found = byName.get(`${r.feature}\n${r.scenario}`);
      if (found) byResult.set(r, found);
    }
  });
  return byResult;
}

/** One summary of the inputs: results pooled, faults and errors gathered, the earliest start and the longest input. */
export function mergeSummaries(summaries: Summary[]): Summary {
  const targets = [...new Set(summaries.map((s) => s.target))];
  const first = summaries[0];
  return summaryOfResults(
    summaries.flatMap((s) => s.results),
    {
      target: targets.join(', '),
      ...(first.targetFile && targets.length === 1 ? { targetFile: first.targetFile } : {}),
      ...(first.specVersions ? { specVersions: first.specVersions } : {}),
      faults: [...new Set(summaries.flatMap((s) => s.faults))],
      startedAt: summaries.map((s) => s.startedAt).sort()[0],
      durationMs: Math.max(...summaries.map((s) => s.durationMs)),
    },
    summaries.flatMap((s) => s.errors),
  );
}

export function mergeReports(dirs: string[], out: string): Summary {
  const inputs = dirs.map(checkedSummary);
  const summary = mergeSummaries(inputs);
  mkdirSync(out, { recursive: true });
  const evidence = copyAll(dirs, EVIDENCE_DIR, out);
  copyAll(dirs, ALLURE_DIR, out);
  writeFileSync(join(out, JUNIT_FILE), mergedJunit(dirs));
  writeFileSync(join(out, SUMMARY_FILE), `${JSON.stringify(summary, null, 2)}\n`);
  const planned = summary.results.map((r) => ({ name: r.scenario, uri: r.uri, line: r.line }));
  writeHtmlReport(out, {
    summary,
    planned,
    evidence: new Map(),
    evidenceByResult: evidenceByInput(inputs, evidence),
    facts: runFacts(PACKAGE_ROOT, undefined),
  });
  writeManifest(out, evidenceKeyFromEnv());
  return summary;
}
