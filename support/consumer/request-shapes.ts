/**
 * The shape rules a consumer's slot search (facts §5.4) and booking body (facts §5.6) must obey, as lists
 * of single checks: each names what is wrong, so one rule (CON-SLOT-PARAMS, CON-BOOKING-BODY) reports
 * every problem of a request at once.
 */
import { daysBetween } from '../spine/uk-time';
import { EXT, PROFILE, SYS } from '../spine/systems';
import { identifierValue, type Resource } from '../fhir/bundle';

/** The longest slot search a consumer may send (facts §5.4: "at most a two-week period"). */
export const MAX_SLOT_SEARCH_DAYS = 14;

/** A full date, or a dateTime in UK local time with its offset (no Z, no offset-less time). */
const SLOT_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2})?$/;

type QueryCheck = (q: URLSearchParams) => string | undefined;

function bound(name: 'start' | 'end', prefix: 'ge' | 'le'): QueryCheck {
  return (q) => {
    const values = q.getAll(name);
    if (values.length !== 1) return `${name} appears ${values.length} times, expected exactly once`;
    if (!values[0].startsWith(prefix)) return `${name}=${values[0]} does not use the ${prefix} prefix`;
    return SLOT_DATE.test(values[0].slice(2))
      ? undefined
      : `${name} ${values[0].slice(2)} is neither yyyy-mm-dd nor a dateTime with a UK offset`;
  };
}

const dateOf = (q: URLSearchParams, name: string) => q.get(name)?.slice(2, 12) ?? '';

export const SLOT_PARAM_CHECKS: readonly QueryCheck[] = [
  bound('start', 'ge'),
  bound('end', 'le'),
  (q) =>
    q.getAll('status').join(',') === 'free'
      ? undefined
      : `status is ${JSON.stringify(q.getAll('status').join(','))}, expected exactly "free"`,
  (q) => (q.getAll('_include').includes('Slot:schedule') ? undefined : '_include=Slot:schedule is missing'),
  (q) => {
    if (!SLOT_DATE.test(dateOf(q, 'start')) || !SLOT_DATE.test(dateOf(q, 'end'))) return undefined;
    const days = daysBetween(dateOf(q, 'start'), dateOf(q, 'end'));
    return days >= 0 && days <= MAX_SLOT_SEARCH_DAYS
      ? undefined
      : `the search spans ${days} days, expected 0–${MAX_SLOT_SEARCH_DAYS}`;
  },
];

type BodyCheck = [what: string, ok: (a: Resource) => boolean];

const values = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const list = (v: unknown) => values(v) as Record<string, unknown>[];
const refOf = (v: unknown) => (v as { reference?: unknown } | undefined)?.reference;
const participantsOf = (a: Resource, type: string) =>
  list(a.participant).filter((p) => String(refOf(p.actor) ?? '').startsWith(`${type}/`));

/** The contained Organization the booking-organisation extension points at. */
function bookingOrganisation(a: Resource): Record<string, unknown> | undefined {
  const ref = refOf(list(a.extension).find((e) => e.url === EXT.bookingOrganisation)?.valueReference);
  return typeof ref === 'string' && ref.startsWith('#')
    ? list(a.contained).find((c) => c.resourceType === 'Organization' && `#${String(c.id)}` === ref)
    : undefined;
}

export const BOOKING_BODY_CHECKS: readonly BodyCheck[] = [
  ['resourceType Appointment', (a) => a.resourceType === 'Appointment'],
  [
    'meta.profile GPConnect-Appointment-1',
    (a) => values((a.meta as Resource | undefined)?.profile).includes(PROFILE.appointment),
  ],
  ['status booked', (a) => a.status === 'booked'],
  ['start and end', (a) => typeof a.start === 'string' && typeof a.end === 'string'],
  [
    'at least one slot reference Slot/{id}',
    (a) => list(a.slot).length > 0 && list(a.slot).every((s) => /^Slot\/.+/.test(String(s.reference ?? ''))),
  ],
  [
    'an actor in every participant',
    (a) => list(a.participant).length > 0 && list(a.participant).every((p) => typeof refOf(p.actor) === 'string'),
  ],
  ['exactly one Patient participant', (a) => participantsOf(a, 'Patient').length === 1],
  ['a Location participant', (a) => participantsOf(a, 'Location').length >= 1],
  ['a status on every participant', (a) => list(a.participant).every((p) => typeof p.status === 'string')],
  ['a booking-organisation extension pointing at a contained Organization', (a) => !!bookingOrganisation(a)],
  [
    'the booking organisation has an ODS code, a name and a telecom',
    (a) => {
      const org = bookingOrganisation(a);
      return (
        !org || (!!identifierValue(org, SYS.odsOrg) && typeof org.name === 'string' && list(org.telecom).length > 0)
      );
    },
  ],
  ['created', (a) => typeof a.created === 'string'],
  ['a description of at most 100 characters', (a) => typeof a.description === 'string' && a.description.length <= 100],
  ['no reason', (a) => a.reason === undefined],
  ['no specialty', (a) => a.specialty === undefined],
];
