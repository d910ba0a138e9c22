/** Withheld scenarios (not applicable, not supported by the provider): how they arrive, are listed and counted. */
import { NOT_APPLICABLE_MEDIA_TYPE, NOT_SUPPORTED_MEDIA_TYPE } from '../evidence/types';
import type { RequirementCoverage, ScenarioResult, Summary, WithheldOutcome } from './summary-types';

/** The attachments that withhold a scenario, and the outcome each gives it. */
export const WITHHELD_MEDIA_TYPES: Record<string, WithheldOutcome | undefined> = {
  [NOT_APPLICABLE_MEDIA_TYPE]: 'not-applicable',
  [NOT_SUPPORTED_MEDIA_TYPE]: 'not-supported-by-provider',
};

/** What the summary line says of the skipped: how many of them were withheld, and why. */
export const withheldCounts = (s: Summary['scenarios']) => {
  const parts = [s.notSupportedByProvider ? `${s.notSupportedByProvider} not supported by the provider` : '', s.notApplicable ? `${s.notApplicable} not applicable to this target` : ''].filter(Boolean);
  return parts.length ? ` (${parts.join(', ')})` : '';
};

/** The withheld scenarios of one outcome, each with why. */
export function withheldOf(results: ScenarioResult[], outcome: WithheldOutcome) {
  return results.flatMap((r) => (r.outcome === outcome ? [{ scenario: r.scenario, uri: r.uri, ...(r.line ? { line: r.line } : {}), reasons: r.reasons ?? [], ...(r.exchange ? { exchange: r.exchange } : {}) }] : []));
}


/**
 * What a requirement's scenarios came to, worst first: failed (with the hops blamed), not supported by the
 * provider, not run, not applicable to this target, passed. The counts beside it are additive to the shape.
 */
export function requirementOutcome(tagged: ScenarioResult[]): {
  status: RequirementCoverage['status'];
  detail: Partial<RequirementCoverage>;
} {
  const count = (outcome: WithheldOutcome) => tagged.filter((r) => r.outcome === outcome).length;
  const notApplicable = count('not-applicable');
  const notSupportedByProvider = count('not-supported-by-provider');
  const notRun = tagged.filter((r) => r.status === 'unknown').length;
  const failedHops = [...new Set(tagged.flatMap((r) => (r.failure ? [r.failure.hop] : [])))];
  const failing = tagged.filter((r) => r.status !== 'passed' && r.status !== 'unknown' && !r.outcome).length;
  const passed = tagged.filter((r) => r.status === 'passed').length;
  const status: RequirementCoverage['status'] = failing
    ? 'failed'
    : notSupportedByProvider
      ? 'not-supported-by-provider'
      : notRun
        ? 'not-run'
        : notApplicable && !passed
          ? 'not-applicable'
          : 'passed';
  const detail: Partial<RequirementCoverage> = {
    ...(failedHops.length ? { failedHops } : {}),
    ...(notApplicable ? { notApplicable } : {}),
    ...(notSupportedByProvider ? { notSupportedByProvider } : {}),
    ...(notRun ? { notRun } : {}),
  };
  return { status, detail };
}
