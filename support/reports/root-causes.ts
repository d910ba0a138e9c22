/**
 * Root causes: many scenarios share a prerequisite (a PDS trace, an SDS lookup), so one broken hop fails
 * them all with the same check. Failures are grouped by the first failing check: hop, requirement, kind
 * and what was expected against what came back, with the parts that differ per scenario (evidence
 * numbers, URLs, NHS numbers, ports) taken out. Each cause is listed once with the scenarios it stopped.
 */
import type { FailureEntry, RootCause } from './summary-types';

export type { RootCause };


/** What differs per scenario in an otherwise identical failure: evidence refs, URLs, long numbers. */
const PER_SCENARIO = [/\[evidence #[^\]]*\]/g, /https?:\/\/\S+/g, /\b\d{6,}\b/g, /#\d+/g];

function causeText(failure: FailureEntry): string {
  const text = failure.expected !== undefined || failure.actual !== undefined ? `${failure.expected} ≠ ${failure.actual}` : failure.message;
  return PER_SCENARIO.reduce((t, pattern) => t.replace(pattern, '…'), text).trim();
}

/** The causes, most scenarios first; ties in hop then requirement order, so the list is stable. */
export function rootCauses(failures: readonly FailureEntry[]): RootCause[] {
  const groups = new Map<string, RootCause>();
  for (const f of failures) {
    const key = [f.hop, f.requirement, f.kind ?? f.status, causeText(f)].join('\u0000');
    const cause = groups.get(key) ?? {
      hop: f.hop,
      requirement: f.requirement,
      ...(f.kind ? { kind: f.kind } : {}),
      message: f.message,
      count: 0,
      scenarios: [],
    };
    cause.count += 1;
    cause.scenarios.push({ scenario: f.scenario, uri: f.uri, status: f.status });
    groups.set(key, cause);
  }
  return [...groups.values()].sort(
    (a, b) => b.count - a.count || a.hop.localeCompare(b.hop) || a.requirement.localeCompare(b.requirement),
  );
}
