/**
 * The names of the simulator faults that relax one behaviour (a lenient provider or SSP), so a record can
 * name the fault that proves its check can fail. The fault modes themselves are support/simulators/faults.ts.
 */
import type { CheckedBy } from './behaviour';

/** The fault that makes the embedded provider skip one edge or answer rule. */
export const providerLenientFault = (ruleId: string) => `provider-lenient-${ruleId}` as const;

/** The fault that makes the embedded SSP relax one of its rules. */
export const sspLenientFault = (ruleId: string) => `ssp-lenient-${ruleId}` as const;

/** The lenient fault of a behaviour whose check a simulator enforces, by where that check lives. */
export function lenientFaultOf(id: string, checkedBy: CheckedBy): string | undefined {
  if (checkedBy === 'edge-rule' || checkedBy === 'answer-rule') return providerLenientFault(id);
  if (checkedBy === 'ssp-rule') return sspLenientFault(id);
  return undefined;
}
