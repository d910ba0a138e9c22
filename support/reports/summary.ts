/**
 * summary.json: what a run proved, per scenario, tag, hop and requirement, built from Cucumber's message
 * envelopes alone. Envelopes from --parallel workers reach the same onMessage callback, so this sees the
 * whole run whichever process ran a scenario; the World's failure records travel as attachments.
 */
import { FAILURE_MEDIA_TYPE, type FailureRecord } from '../evidence/types';
import { WITHHELD_MEDIA_TYPES, requirementOutcome, withheldCounts, withheldOf } from './withheld';
import { redactText } from '../evidence/redact';
import { REQUIREMENTS, requirementTags } from '../domain/catalogue';
import { rootCauses } from './root-causes';
import type {
  PassFail,
  RequirementCoverage,
  RunContext,
  ScenarioResult,
  ScenarioStatus,
  StepResult,
  Summary,
  SummaryEnvelope,
  TagCount,
  Timestamp,
  WithheldOutcome,
} from './summary-types';


export type * from './summary-types';

type Pickle = NonNullable<SummaryEnvelope['pickle']>;
type TestCase = NonNullable<SummaryEnvelope['testCase']>;

/** Worst first: a scenario takes the first of these that any of its steps has. */
const WORST_FIRST = ['FAILED', 'AMBIGUOUS', 'UNDEFINED', 'PENDING', 'UNKNOWN', 'SKIPPED', 'PASSED'] as const;
type StepStatus = (typeof WORST_FIRST)[number];

/** How a scenario with no failure record explains itself, by its worst step's status. */
const STEP_MESSAGES: Record<StepStatus, (step: string, detail: string) => string> = {
  FAILED: (step, detail) => `${detail || 'failed'} (at step ${step})`,
  AMBIGUOUS: (step) => `step is ambiguous (more than one step definition matches): ${step}`,
  UNDEFINED: (step) => `step is undefined (no step definition matches): ${step}`,
  PENDING: (step) => `step is pending (its definition is not implemented yet): ${step}`,
  UNKNOWN: (step) => `step did not report a result: ${step}`,
  SKIPPED: () => 'every step was skipped',
  PASSED: () => '',
};

const HOP_TAG = '@hop:';

interface Attempt {
  testCaseId: string;
  attempt: number;
  started: Timestamp;
  finished?: Timestamp;
  steps: { testStepId: string; result: StepResult }[];
  failureRecords: FailureRecord[];
  withheld?: { outcome: WithheldOutcome; reasons: string[]; exchange?: number };
}

const toMs = (t: Timestamp) => t.seconds * 1000 + t.nanos / 1e6;
const firstLine = (text: string | undefined) => (text ?? '').split('\n').find((l) => l.trim())?.trim() ?? '';

function decode(attachment: NonNullable<SummaryEnvelope['attachment']>): string {
  return attachment.contentEncoding === 'BASE64' ? Buffer.from(attachment.body, 'base64').toString('utf8') : attachment.body;
}

function stepRank(status: string): number {
  const rank = WORST_FIRST.indexOf(status as StepStatus);
  return rank < 0 ? WORST_FIRST.indexOf('UNKNOWN') : rank;
}

/** The hop a scenario declares. The last `@hop:` tag wins: pickles list feature tags before scenario tags. */
function declaredHop(tags: readonly string[]): string {
  return tags.filter((t) => t.startsWith(HOP_TAG)).pop()?.slice(HOP_TAG.length) ?? 'unknown';
}

function bump(counts: Record<string, PassFail>, key: string, passed: boolean): PassFail {
  const entry = (counts[key] ??= { passed: 0, failed: 0 });
  entry[passed ? 'passed' : 'failed'] += 1;
  return entry;
}

export class SummaryCollector {
  private readonly featureNames = new Map<string, string>();
  private readonly pickles = new Map<string, Pickle>();
  private readonly testCases = new Map<string, TestCase>();
  private readonly hookNames = new Map<string, string>();
  private readonly runHooks = new Map<string, string>();
  private readonly attempts = new Map<string, Attempt>();
  /** The attempt that counts for each test case: the last, the one Cucumber will not retry. */
  private readonly finalAttempts = new Map<string, Attempt>();
  private readonly errors: string[] = [];

  /** One handler per envelope kind; kinds not listed carry nothing the summary needs. */
  private readonly handlers: { [K in keyof SummaryEnvelope]-?: (value: NonNullable<SummaryEnvelope[K]>) => void } = {
    gherkinDocument: (doc) => doc.uri && this.featureNames.set(doc.uri, doc.feature?.name ?? doc.uri),
    pickle: (pickle) => this.pickles.set(pickle.id, pickle),
    hook: (hook) => {
      const where = hook.sourceReference.uri ? `${hook.sourceReference.uri}:${hook.sourceReference.location?.line ?? '?'}` : hook.id;
      this.hookNames.set(hook.id, hook.name ? `hook "${hook.name}" (${where})` : `hook at ${where}`);
    },
    testCase: (testCase) => this.testCases.set(testCase.id, testCase),
    testCaseStarted: (started) =>
      this.attempts.set(started.id, { testCaseId: started.testCaseId, attempt: started.attempt, started: started.timestamp, steps: [], failureRecords: [] }),
    testStepFinished: (finished) =>
      this.attempts.get(finished.testCaseStartedId)?.steps.push({ testStepId: finished.testStepId, result: finished.testStepResult }),
    attachment: (attachment) => this.onAttachment(attachment),
    testCaseFinished: (finished) => {
      const attempt = this.attempts.get(finished.testCaseStartedId);
      if (!attempt || finished.willBeRetried) return;
      attempt.finished = finished.timestamp;
      this.finalAttempts.set(attempt.testCaseId, attempt);
    },
    testRunStarted: () => undefined,
    testRunFinished: (finished) => {
      const problem = firstLine(finished.exception?.message ?? finished.message);
      if (problem) this.errors.push(`test run: ${problem}`);
    },
    testRunHookStarted: (started) => this.runHooks.set(started.id, started.hookId),
    testRunHookFinished: (finished) => {
      if (finished.result.status === 'PASSED') return;
      const hook = this.hookNames.get(this.runHooks.get(finished.testRunHookStartedId) ?? '') ?? 'a BeforeAll/AfterAll hook';
      this.errors.push(`${hook} ${finished.result.status.toLowerCase()}: ${firstLine(finished.result.exception?.message ?? finished.result.message)}`);
    },
    parseError: (error) => this.errors.push(`${error.source.uri ?? 'feature'}:${error.source.location?.line ?? '?'}: ${firstLine(error.message)}`),
    undefinedParameterType: (p) => this.errors.push(`undefined parameter type {${p.name}} in "${p.expression}"`),
  };

  /** Pass as runCucumber's onMessage callback. */
  readonly onMessage = (envelope: SummaryEnvelope): void => {
    for (const key of Object.keys(envelope) as (keyof SummaryEnvelope)[]) {
      const value = envelope[key];
      const handle = this.handlers[key] as ((v: unknown) => void) | undefined;
      if (value !== undefined && handle) handle(value);
    }
  };

  /** Records a problem the messages cannot carry, e.g. runCucumber throwing. */
  addError(message: string): void {
    this.errors.push(firstLine(message));
  }

  private onAttachment(attachment: NonNullable<SummaryEnvelope['attachment']>): void {
    const withheld = WITHHELD_MEDIA_TYPES[attachment.mediaType];
    if ((!withheld && attachment.mediaType !== FAILURE_MEDIA_TYPE) || !attachment.testCaseStartedId) return;
    const attempt = this.attempts.get(attachment.testCaseStartedId);
    try {
      if (withheld && attempt) attempt.withheld = { outcome: withheld, ...(JSON.parse(decode(attachment)) as { reasons: string[]; exchange?: number }) };
      else attempt?.failureRecords.push(JSON.parse(decode(attachment)) as FailureRecord);
    } catch (err) {
      this.errors.push(`unreadable failure record: ${firstLine((err as Error).message)}`);
    }
  }

  summarise(context: RunContext): Summary {
    const results = [...this.testCases.values()].map((tc) => this.scenarioResult(tc));
    return summaryOfResults(results, context, this.errors.map(redactText));
  }

  private scenarioResult(testCase: TestCase): ScenarioResult {
    const pickle = this.pickles.get(testCase.pickleId);
    const tags = pickle?.tags.map((t) => t.name) ?? [];
    const attempt = this.finalAttempts.get(testCase.id);
    const worst = attempt?.steps.reduce<Attempt['steps'][number] | undefined>(
      (w, s) => (w && stepRank(w.result.status) <= stepRank(s.result.status) ? w : s),
      undefined,
    );
    const status: ScenarioStatus = worst ? (WORST_FIRST[stepRank(worst.result.status)].toLowerCase() as ScenarioStatus) : 'unknown';
    const base = {
      scenario: pickle?.name ?? testCase.pickleId,
      feature: this.featureNames.get(pickle?.uri ?? '') ?? '',
      uri: pickle?.uri ?? '',
    };
    const record = status === 'passed' ? undefined : attempt?.failureRecords[0];
    const hop = record?.hop ?? declaredHop(tags);
    const result: ScenarioResult = {
      ...base,
      ...(pickle?.location ? { line: pickle.location.line } : {}),
      tags,
      hop,
      status,
      attempts: attempt ? attempt.attempt + 1 : 0,
      ...(attempt?.finished ? { durationMs: Math.round(toMs(attempt.finished) - toMs(attempt.started)) } : {}),
    };
    if (status === 'passed') return result;
    const withheld = attempt?.withheld;
    if (withheld) return { ...result, status: 'skipped', outcome: withheld.outcome, reasons: withheld.reasons.map(redactText), ...(withheld.exchange ? { exchange: withheld.exchange } : {}) };
    const fallbackRequirement = requirementTags(tags)[0] ?? '';
    // Only the record's detail (expected, actual, exchange, kind) is kept besides the four promised keys.
    const { hop: _hop, requirement, message, ...detail } = record ?? { requirement: fallbackRequirement, message: `[${hop}] ${this.stepMessage(testCase, pickle, worst)}` };
    result.failure = {
      scenario: base.scenario,
      hop,
      requirement: requirement || fallbackRequirement,
      message: redactText(message),
      status,
      feature: base.feature,
      uri: base.uri,
      source: record ? 'check' : 'step',
      ...Object.fromEntries(Object.entries(detail).map(([k, v]) => [k, typeof v === 'string' ? redactText(v) : v])),
    };
    return result;
  }

  private stepMessage(testCase: TestCase, pickle: Pickle | undefined, worst: Attempt['steps'][number] | undefined): string {
    if (!worst) return 'scenario did not run (see errors)';
    const testStep = testCase.testSteps.find((s) => s.id === worst.testStepId);
    const stepText = testStep?.pickleStepId
      ? `"${pickle?.steps.find((s) => s.id === testStep.pickleStepId)?.text ?? testStep.pickleStepId}"`
      : (this.hookNames.get(testStep?.hookId ?? '') ?? 'a hook');
    const status = WORST_FIRST[stepRank(worst.result.status)];
    return STEP_MESSAGES[status](stepText, firstLine(worst.result.exception?.message ?? worst.result.message));
  }
}

/**
 * Every count, the failures, root causes and coverage, from scenario results alone: a run's summary, and
 * the summary merge-reports builds from several runs' results.
 */
export function summaryOfResults(unsorted: readonly ScenarioResult[], context: RunContext, errors: string[]): Summary {
  const results = [...unsorted].sort(byPlace);
  const counts = {
    total: results.length,
    passed: 0,
    failed: 0,
    skipped: 0,
    undefined: 0,
    pending: 0,
    ambiguous: 0,
    unknown: 0,
    notApplicable: 0,
    notSupportedByProvider: 0,
  };
  const byTag: Record<string, TagCount> = {};
  const byHop: Record<string, PassFail> = {};
  for (const r of results) {
    counts[r.status] += 1;
    if (r.outcome === 'not-applicable') counts.notApplicable += 1;
    if (r.outcome === 'not-supported-by-provider') counts.notSupportedByProvider += 1;
    const passed = r.status === 'passed';
    bump(byHop, r.hop, passed);
    for (const tag of r.tags) {
      const entry: TagCount = bump(byTag, tag, passed);
      if (!passed && r.status !== 'failed') (entry.notPassed ??= {})[r.status] = (entry.notPassed[r.status] ?? 0) + 1;
    }
  }
  const failures = results.flatMap((r) => (r.failure ? [r.failure] : []));
  return {
    target: context.target,
    durationMs: Math.round(context.durationMs),
    scenarios: counts,
    byTag,
    byHop,
    failures,
    rootCauses: rootCauses(failures),
    requirements: coverage(results),
    ...(context.targetFile ? { targetFile: context.targetFile } : {}),
    ...(context.specVersions ? { specVersions: context.specVersions } : {}),
    faults: context.faults,
    startedAt: context.startedAt,
    // A scenario the target cannot run is not a failure of what it can (`run --strict` makes it one).
    allPassed:
      counts.total > 0 &&
      counts.passed + counts.notApplicable === counts.total &&
      counts.passed > 0 &&
      errors.length === 0,
    notApplicable: withheldOf(results, 'not-applicable'),
    notSupportedByProvider: withheldOf(results, 'not-supported-by-provider'),
    errors,
    results,
  };
}

function byPlace(a: ScenarioResult, b: ScenarioResult): number {
  return a.uri.localeCompare(b.uri) || (a.line ?? 0) - (b.line ?? 0) || a.scenario.localeCompare(b.scenario);
}

/**
 * Coverage of the catalogue by the scenarios that ran: a requirement no scenario carries is uncovered. The
 * consumer rules are judged over a consumer's recorded requests (`gpc-assure consumer`), never by a scenario,
 * so a run lists them apart (`consumerMode`) instead of counting them as gaps it could have filled.
 */
function coverage(results: ScenarioResult[]): Summary['requirements'] {
  const byId: Record<string, RequirementCoverage> = {};
  const consumerMode: string[] = [];
  for (const req of REQUIREMENTS) {
    const tagged = results.filter((r) => r.tags.includes(`@${req.id}`));
    const passed = tagged.filter((r) => r.status === 'passed').length;
    const failed = tagged.length - passed;
    const judgedElsewhere = tagged.length === 0 && req.checkedBy === 'consumer-rule';
    if (judgedElsewhere) consumerMode.push(req.id);
    const outcome = judgedElsewhere ? undefined : requirementOutcome(tagged);
    const status = judgedElsewhere ? 'consumer-mode' : tagged.length === 0 ? 'uncovered' : outcome!.status;
    byId[req.id] = { hop: req.hop, scenarios: tagged.length, passed, failed, status, ...outcome?.detail };
  }
  const uncovered = REQUIREMENTS.filter((r) => byId[r.id].status === 'uncovered').map((r) => r.id);
  const total = REQUIREMENTS.length - consumerMode.length;
  return { total, covered: total - uncovered.length, uncovered, consumerMode, byId };
}

function listed(items: string[], most: number): string {
  const unique = [...new Set(items)];
  return unique.length > most ? `${unique.slice(0, most).join(', ')} and ${unique.length - most} more` : unique.join(', ');
}

/** One paragraph for the terminal: counts, what failed where, and where the reports are. */
export function summaryLine(summary: Summary, reportsDir: string): string {
  const s = summary.scenarios;
  const notPassed = (['failed', 'undefined', 'pending', 'ambiguous', 'skipped', 'unknown'] as const)
    .filter((k) => s[k] > 0)
    .map((k) => `${s[k]} ${k === 'unknown' ? 'did not run' : k}${k === 'skipped' ? withheldCounts(s) : ''}`);
  const failing = summary.failures.map((f) => `${f.requirement || f.scenario} (${f.hop})`);
  return [
    `gpc-assure: ${summary.allPassed ? 'PASS' : 'FAIL'}: ${s.total} scenario${s.total === 1 ? '' : 's'} against ${summary.target}`,
    summary.faults.length ? ` with fault ${summary.faults.join(', ')}` : '',
    `: ${s.passed} passed${notPassed.length ? `, ${notPassed.join(', ')}` : ''} in ${(summary.durationMs / 1000).toFixed(1)} s.`,
    failing.length ? ` Not passed: ${listed(failing, 8)}.` : '',
    summary.errors.length ? ` Run errors: ${listed(summary.errors.map((e) => e.replace(/\.$/, '')), 1)}.` : '',
    ` Requirements covered: ${summary.requirements.covered}/${summary.requirements.total}`,
    summary.requirements.consumerMode?.length
      ? ` (and ${summary.requirements.consumerMode.length} consumer rules, judged by gpc-assure consumer).`
      : '.',
    ` Reports: ${reportsDir} (index.html, summary.json, cucumber.html, junit.xml, manifest.json).`,
  ].join('');
}
