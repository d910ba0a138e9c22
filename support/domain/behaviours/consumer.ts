/**
 * What a consuming system owes beyond the edge rules a provider checks (support/consumer/rules.ts holds the
 * checks, keyed by ID; the edge rules it reuses keep their own IDs). Judged on recorded traffic by
 * `gpc-assure consumer`, whose summary counts every consumer rule.
 */
import type { Behaviour } from '../behaviour';

export const CONSUMER = [
  {
    id: 'CON-PDS-REQUEST-ID',
    actor: 'consumer',
    hop: 'pds',
    text: 'Every PDS request carries X-Request-ID, a UUID',
    facts: 'facts §5.1',
    checkedBy: 'consumer-rule',
  },
  {
    id: 'CON-SDS-TWO-STEP',
    actor: 'consumer',
    hop: 'sds',
    text: "SDS lookup is two-step: Endpoint by ODS + interaction, then Device naming the Endpoint's party key",
    facts: 'facts §5.2, T13',
    checkedBy: 'consumer-rule',
  },
  {
    id: 'CON-JWT-LIFETIME',
    actor: 'consumer',
    hop: 'ssp',
    text: 'exp is exactly iat + 300',
    facts: 'facts §3.2, §3.4 (edge rule JWT-LIFETIME)',
    checkedBy: 'consumer-rule',
  },
  {
    id: 'CON-JWT-SCOPE',
    actor: 'consumer',
    hop: 'ssp',
    text: 'requested_scope fits the interaction',
    facts: 'facts §3.2 (edge rule JWT-SCOPE-MATCH)',
    checkedBy: 'consumer-rule',
  },
  {
    id: 'CON-JWT-SUB',
    actor: 'consumer',
    hop: 'ssp',
    text: 'sub equals requesting_practitioner.id',
    facts: 'facts §3.2 (edge rule JWT-SUB)',
    checkedBy: 'consumer-rule',
  },
  {
    id: 'CON-URL-ROOT',
    actor: 'consumer',
    hop: 'ssp',
    text: 'The SSP URL carries a service root byte-identical to one SDS returned',
    facts: 'facts §2.1',
    checkedBy: 'consumer-rule',
  },
  {
    id: 'CON-JWT-AUD',
    actor: 'consumer',
    hop: 'ssp',
    text: 'aud is the service root SDS returned, the one the URL targets',
    facts: 'facts §3.2',
    checkedBy: 'consumer-rule',
  },
  {
    id: 'CON-T11-ROOT',
    actor: 'consumer',
    hop: 'ssp',
    text: "A root is used only for its own capability's interactions",
    facts: 'facts §1, T11',
    checkedBy: 'consumer-rule',
  },
  {
    id: 'CON-T2-ORIGIN',
    actor: 'consumer',
    hop: 'ssp',
    text: 'Ssp-From is an ASID of the organisation requesting_organization names',
    facts: 'facts §2.2, T2',
    checkedBy: 'consumer-rule',
  },
  {
    id: 'CON-PDS-FIRST',
    actor: 'consumer',
    hop: 'ssp',
    text: 'A patient is traced on PDS before any GP Connect request about them',
    facts: 'facts §5.6 (prerequisites), §5.1',
    checkedBy: 'consumer-rule',
  },
  {
    id: 'CON-SLOT-PARAMS',
    actor: 'consumer',
    hop: 'ssp',
    text: 'A slot search uses start=ge…, end=le… (at most 14 days), status=free and _include=Slot:schedule',
    facts: 'facts §5.4',
    checkedBy: 'consumer-rule',
  },
  {
    id: 'CON-BOOKING-BODY',
    actor: 'consumer',
    hop: 'ssp',
    text: 'A booking body has the required elements, no reason or specialty, and a contained booking organisation with name and telecom',
    facts: 'facts §5.6',
    checkedBy: 'consumer-rule',
  },
] as const satisfies readonly Behaviour[];
