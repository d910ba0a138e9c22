/** Withheld scenarios (not applicable, not supported by the provider): how they arrive, are listed and counted. */
import { NOT_APPLICABLE_MEDIA_TYPE, NOT_SUPPORTED_MEDIA_TYPE } from '../evidence/types';
import type { ScenarioResult, Summary, WithheldOutcome } from './summary-types';

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

