/**
 * The shape rules a consumer's slot search (CON-SLOT-PARAMS) and booking body (CON-BOOKING-BODY) must obey, as lists
 * of single checks: each names what is wrong, so one rule (CON-SLOT-PARAMS, CON-BOOKING-BODY) reports
 * every problem of a request at once. The rules themselves live in support/domain/rules/, where the
 * provider simulator reads them too: what the judge holds a consumer to is what the provider enforces.
 */
import { BOOKING_BODY_RULES } from '../domain/rules/booking-body';
import { SLOT_SEARCH_RULES } from '../domain/rules/slot-search';
import type { Resource } from '../fhir/bundle';

type QueryCheck = (q: URLSearchParams) => string | undefined;
type BodyCheck = [what: string, ok: (a: Resource) => boolean];

export const SLOT_PARAM_CHECKS: readonly QueryCheck[] = SLOT_SEARCH_RULES;

export const BOOKING_BODY_CHECKS: readonly BodyCheck[] = BOOKING_BODY_RULES.map((rule) => [
  rule.expected,
  (a) => rule.problem(a) === undefined,
]);
