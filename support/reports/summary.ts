/**
 * summary.json: what a run proved, per scenario, tag, hop and requirement, built from Cucumber's message
 * envelopes alone. Envelopes from --parallel workers reach the same onMessage callback, so this sees the
 * whole run whichever process ran a scenario; the World's failure records travel as attachments.
 */
import { FAILURE_MEDIA_TYPE, type FailureRecord } from '../evidence/types';
import { WITHHELD_MEDIA_TYPES, withheldCounts } from './withheld';
import { redactText } from '../evidence/redact';
import { requirementTags } from '../domain/catalogue';
import { summaryOfResults } from './summary-results';
import type {
  RunContext,
  ScenarioResult,
  ScenarioStatus,
  StepResult,
  Summary,
  SummaryEnvelope,
  Timestamp,
  WithheldOutcome,
} from './summary-types';


export type * from './summary-types';
export { summaryOfResults } from './summary-results';

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
