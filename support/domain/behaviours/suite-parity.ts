/**
 * Behaviours NHS's SpecFlow provider suite checks and the worked example did not (issue 16, item 2; the
 * map is support/domain/provider-suite-map.ts).
 */
import type { Behaviour } from '../behaviour';

export const SUITE_PARITY = [
  {
    id: 'AM-CS-DECLARES',
    actor: 'provider',
    hop: 'provider',
    text: "The Appointments root's CapabilityStatement declares each interaction it serves: the resource with its REST interaction code, or the operation",
    facts: 'facts §5.3',
    checkedBy: 'scenario',
  },
  {
    id: 'AM-CS-SOFTWARE',
    actor: 'provider',
    hop: 'provider',
    text: 'The CapabilityStatement names its software with software.name and software.version',
    facts: 'facts §5.3',
    checkedBy: 'scenario',
  },
] as const satisfies readonly Behaviour[];
