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
  {
    id: 'AM-LIFE-READ-UNKNOWN',
    actor: 'provider',
    hop: 'provider',
    text: 'Reading an appointment id the practice does not have answers 404 NO_RECORD_FOUND',
    facts: 'facts §5.7, §6',
    answers: [{ status: 404, code: 'NO_RECORD_FOUND' }],
    checkedBy: 'scenario',
  },
  {
    id: 'AM-FND-SEARCH-IGNORED',
    actor: 'provider',
    hop: 'provider',
    text: 'Find patient, find practitioner and find organisation ignore _count and _sort (not GP Connect parameters; the NHS provider suite checks it): the answer is the same searchset',
    facts: 'facts §5.5',
    checkedBy: 'scenario',
  },
] as const satisfies readonly Behaviour[];
