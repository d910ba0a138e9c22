/**
 * The shape of summary.json, and the part of Cucumber's message envelopes the summary reads.
 * The envelope types are a structural subset of @cucumber/messages' Envelope: a real Envelope is
 * assignable to them, hand-written test envelopes need no enums, and no message version is pinned.
 */
import type { FailureRecord } from '../evidence/types';

export interface Timestamp {
  seconds: number;
  nanos: number;
}

export interface StepResult {
  status: string;
  message?: string;
  exception?: { type: string; message?: string };
}

interface SourceRef {
  uri?: string;
  location?: { line: number };
}

export interface SummaryEnvelope {
  gherkinDocument?: { uri?: string; feature?: { name: string } };
  pickle?: {
    id: string;
    uri: string;
    name: string;
    location?: { line: number };
    tags: readonly { name: string }[];
    steps: readonly { id: string; text: string }[];
  };
  hook?: { id: string; name?: string; sourceReference: SourceRef };
  testCase?: { id: string; pickleId: string; testSteps: readonly { id: string; pickleStepId?: string; hookId?: string }[] };
  testCaseStarted?: { id: string; testCaseId: string; attempt: number; timestamp: Timestamp };
  testStepFinished?: { testCaseStartedId: string; testStepId: string; testStepResult: StepResult };
  testCaseFinished?: { testCaseStartedId: string; timestamp: Timestamp; willBeRetried: boolean };
  attachment?: { testCaseStartedId?: string; body: string; mediaType: string; contentEncoding: string };
  testRunStarted?: { timestamp: Timestamp };
  testRunFinished?: { success: boolean; timestamp: Timestamp; message?: string; exception?: { type: string; message?: string } };
  testRunHookStarted?: { id: string; hookId: string };
  testRunHookFinished?: { testRunHookStartedId: string; result: StepResult };
  parseError?: { source: SourceRef; message: string };
  undefinedParameterType?: { name: string; expression: string };
}

/** A scenario's outcome: the worst of its steps' statuses, in Cucumber's words. */
export type ScenarioStatus = 'passed' | 'failed' | 'ambiguous' | 'undefined' | 'pending' | 'skipped' | 'unknown';

/**
 * Outcomes beyond Cucumber's statuses, the one place their names are typed (status `skipped`): not-applicable,
 * a scenario not run because the target cannot offer what it needs (`@needs-…`, support/config/abilities.ts),
 * never a failure; not-supported-by-provider, one stopped because the provider's CapabilityStatement does not
 * declare its interaction (support/world/advertised.ts), a non-pass with the CapabilityStatement as evidence.
 */
export type WithheldOutcome = 'not-applicable' | 'not-supported-by-provider';

/** One non-passed scenario: from its failure record when the World left one, else from the worst step. */
export interface FailureEntry extends Partial<Omit<FailureRecord, 'hop' | 'requirement' | 'message'>> {
  scenario: string;
  hop: string;
  requirement: string;
  message: string;
  status: ScenarioStatus;
  feature: string;
  uri: string;
  /** 'check' when a FailureRecord was attached; 'step' when it was derived from Cucumber's step result. */
  source: 'check' | 'step';
}

/** One failing check shared by many scenarios: support/reports/root-causes.ts. */
export interface RootCause {
  hop: string;
  requirement: string;
  kind?: string;
  /** The first scenario's message: every scenario in the group failed the same check the same way. */
  message: string;
  count: number;
  scenarios: { scenario: string; uri: string; status: string }[];
}

export interface ScenarioResult {
  scenario: string;
  feature: string;
  uri: string;
  line?: number;
  tags: string[];
  /** The hop the scenario counts under in byHop. */
  hop: string;
  status: ScenarioStatus;
  /** 1 unless Cucumber retried it; only the last attempt counts. */
  attempts: number;
  durationMs?: number;
  failure?: FailureEntry;
  /** Set when the scenario was withheld (status skipped), with why. */
  outcome?: WithheldOutcome;
  reasons?: string[];
  /** The exchange that shows why (the CapabilityStatement, for not-supported-by-provider). */
  exchange?: number;
}

export interface PassFail {
  passed: number;
  /** Every scenario that did not pass (failed, undefined, pending, ambiguous, skipped, did not run). */
  failed: number;
}

/** byTag entries also say which kind of not-passed, when it was not a plain failure. */
export type TagCount = PassFail & { notPassed?: Partial<Record<ScenarioStatus, number>> };

export interface RequirementCoverage extends PassFail {
  hop: string;
  scenarios: number;
  /** consumer-mode: a consumer rule, judged over recorded requests by `gpc-assure consumer`, not by a scenario. */
  status: 'passed' | 'failed' | 'uncovered' | 'consumer-mode' | 'not-run' | WithheldOutcome;
  /** The hops its failing scenarios blamed. */
  failedHops?: string[];
  /** Of its not-passed scenarios (counted in failed too): withheld as not applicable, not supported, or not run. */
  notApplicable?: number;
  notSupportedByProvider?: number;
  notRun?: number;
}

export interface Summary {
  /** `embedded` for the embedded simulators, else the target file's name. */
  target: string;
  durationMs: number;
  /** notApplicable: of the skipped, those withheld because the target cannot offer what they need. */
  scenarios: { total: number; notApplicable?: number; notSupportedByProvider?: number } & Record<ScenarioStatus, number>;
  byTag: Record<string, TagCount>;
  byHop: Record<string, PassFail>;
  failures: FailureEntry[];
  /** The failures grouped by their first failing check (support/reports/root-causes.ts), each cause once. */
  rootCauses?: RootCause[];
  requirements: {
    /** The requirements a run's scenarios can cover: the catalogue less the consumer rules (`consumerMode`). */
    total: number;
    covered: number;
    uncovered: string[];
    /** Consumer rules no scenario carries: judged by `gpc-assure consumer` over a consumer's recorded requests. */
    consumerMode?: string[];
    byId: Record<string, RequirementCoverage>;
  };
  targetFile?: string;
  /** The GP Connect spec version assured per capability (support/versions.ts). */
  specVersions?: Record<string, string>;
  faults: string[];
  startedAt: string;
  /** True only when at least one scenario ran, every scenario passed and nothing else went wrong. */
  allPassed: boolean;
  /** Scenarios withheld as not applicable to this target, each with its reasons. */
  notApplicable?: { scenario: string; uri: string; line?: number; reasons: string[] }[];
  /** Scenarios stopped because the provider does not advertise their interaction: non-passes, listed apart. */
  notSupportedByProvider?: { scenario: string; uri: string; line?: number; reasons: string[]; exchange?: number }[];
  /** Problems outside any scenario: unparsable features, failed BeforeAll/AfterAll hooks, a crashed run. */
  errors: string[];
  results: ScenarioResult[];
}

/** What the caller (the CLI) knows and the messages do not. */
export interface RunContext {
  target: string;
  targetFile?: string;
  specVersions?: Record<string, string>;
  faults: string[];
  startedAt: string;
  durationMs: number;
}
