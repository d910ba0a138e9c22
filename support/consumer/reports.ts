/**
 * The reports of a consumer-assurance run: `consumer.json`, every recorded request with the rules it was
 * checked against and the ones it broke, and `summary.json` in the run command's shape (one "scenario" per
 * request, tagged with the rules that applied), so CI and the assurance body read both kinds of run alike.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { redactText } from '../evidence/redact';
import type { FailureEntry, PassFail, RequirementCoverage, ScenarioResult, Summary } from '../reports/summary-types';
import type { RequestJudgement } from './judge';
import { CONSUMER_RULES } from './rules';

export const CONSUMER_REPORT = 'consumer.json';
export const RECORDING_FILE = 'consumer-recording.ndjson';
const FEATURE = 'consumer assurance';

const scenarioName = (j: RequestJudgement) =>
  `#${j.request.seq} ${j.request.method} ${j.request.service} ${j.request.url}`;

/** Thousands of requests break a rule the same way: each distinct text is redacted once per report. */
function redactor(): (text: string) => string {
  const done = new Map<string, string>();
  return (text) => {
    let redacted = done.get(text);
    if (redacted === undefined) done.set(text, (redacted = redactText(text)));
    return redacted;
  };
}

function failures(j: RequestJudgement, uri: string, redact: (text: string) => string): FailureEntry[] {
  return j.broke.map((b) => ({
    scenario: scenarioName(j),
    hop: b.rule.hop,
    requirement: b.rule.id,
    message: redact(`${b.rule.text}: ${b.problem}`),
    status: 'failed',
    feature: FEATURE,
    uri,
    source: 'check',
  }));
}

function result(j: RequestJudgement, uri: string, failure: FailureEntry | undefined): ScenarioResult {
  return {
    scenario: scenarioName(j),
    feature: FEATURE,
    uri,
    line: j.request.seq,
    tags: j.checked.map((r) => `@${r.id}`),
    hop: j.request.service,
    status: j.broke.length ? 'failed' : 'passed',
    attempts: 1,
    durationMs: j.request.durationMs,
    ...(failure ? { failure } : {}),
  };
}

const bump = (map: Record<string, PassFail>, key: string, passed: boolean) => {
  const entry = (map[key] ??= { passed: 0, failed: 0 });
  entry[passed ? 'passed' : 'failed'] += 1;
  return entry;
};

export interface ConsumerRunContext {
  target: string;
  startedAt: string;
  durationMs: number;
  /** Where the judged recording is, relative to the reports: each failure's uri. */
  recordingUri: string;
}

export function consumerSummary(judgements: readonly RequestJudgement[], context: ConsumerRunContext): Summary {
  const redact = redactor();
  const breaches = judgements.map((j) => failures(j, context.recordingUri, redact));
  const results = judgements.map((j, i) => result(j, context.recordingUri, breaches[i][0]));
  const byTag: Record<string, PassFail> = {};
  const byHop: Record<string, PassFail> = {};
  for (const j of judgements) {
    bump(byHop, j.request.service, !j.broke.length);
    for (const rule of j.checked) bump(byTag, `@${rule.id}`, !j.broke.some((b) => b.rule === rule));
  }
  const byId: Record<string, RequirementCoverage> = {};
  for (const rule of CONSUMER_RULES) {
    const counts = byTag[`@${rule.id}`] ?? { passed: 0, failed: 0 };
    const scenarios = counts.passed + counts.failed;
    byId[rule.id] = {
      hop: rule.hop,
      scenarios,
      ...counts,
      status: scenarios === 0 ? 'uncovered' : counts.failed ? 'failed' : 'passed',
    };
  }
  const uncovered = Object.keys(byId).filter((id) => byId[id].status === 'uncovered');
  const failed = results.filter((r) => r.status === 'failed').length;
  return {
    target: context.target,
    durationMs: Math.round(context.durationMs),
    scenarios: {
      total: results.length,
      passed: results.length - failed,
      failed,
      skipped: 0,
      undefined: 0,
      pending: 0,
      ambiguous: 0,
      unknown: 0,
    },
    byTag,
    byHop,
    failures: breaches.flat(),
    requirements: { total: CONSUMER_RULES.length, covered: CONSUMER_RULES.length - uncovered.length, uncovered, byId },
    faults: [],
    startedAt: context.startedAt,
    allPassed: results.length > 0 && failed === 0,
    errors: results.length ? [] : ['the consumer sent no request'],
    results,
  };
}

/** consumer.json: what a supplier reads to fix their system — each request, and each rule it broke and why. */
export function consumerReport(judgements: readonly RequestJudgement[]) {
  const redact = redactor();
  return {
    rules: CONSUMER_RULES.map(({ id, hop, text, source }) => ({ id, hop, text, source })),
    requests: judgements.map(({ request, checked, broke }) => ({
      seq: request.seq,
      service: request.service,
      method: request.method,
      url: request.url,
      at: request.at,
      status: request.response.status,
      durationMs: request.durationMs,
      checked: checked.map((r) => r.id),
      broke: broke.map((b) => ({
        rule: b.rule.id,
        hop: b.rule.hop,
        text: b.rule.text,
        problem: redact(b.problem),
      })),
    })),
  };
}

export function writeConsumerReports(
  dir: string,
  judgements: readonly RequestJudgement[],
  context: ConsumerRunContext,
): Summary {
  mkdirSync(dir, { recursive: true });
  const summary = consumerSummary(judgements, context);
  writeFileSync(join(dir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  writeFileSync(join(dir, CONSUMER_REPORT), `${JSON.stringify(consumerReport(judgements), null, 2)}\n`);
  return summary;
}

/** One line for the terminal. */
export function consumerLine(summary: Summary, dir: string): string {
  const broken = [...new Set(summary.failures.map((f) => f.requirement))];
  return `gpc-assure consumer: ${summary.allPassed ? 'PASS' : 'FAIL'}: ${summary.scenarios.total} request(s), ${summary.scenarios.failed} broke a rule${broken.length ? ` (${broken.join(', ')})` : ''}. Reports: ${join(dir, 'summary.json')}, ${join(dir, CONSUMER_REPORT)}.`;
}
