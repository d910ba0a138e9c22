/**
 * What a book-appointment body must be (facts §5.6, GPConnect-Appointment-1), as one list of rules that
 * both sides read: the provider simulator refuses a body with the first problem (422 INVALID_RESOURCE), and
 * the consumer judge (CON-BOOKING-BODY) reports every rule a consumer's body breaks. What needs the
 * provider's data (do the slots and actors exist, do the slots fit together) stays with the provider.
 */
import { EXT, PROFILE, SYS } from '../../spine/systems';

type Json = Record<string, unknown>;

export interface BodyRule {
  /** What a good body has, in words: the consumer judge reports "expected <this>". */
  expected: string;
  /** What is wrong with this body, or undefined when it obeys the rule. */
  problem: (a: Json) => string | undefined;
}

/** Elements GPConnect-Appointment-1 lets a consumer send; anything else is an unknown field (PT: 422). */
export const ALLOWED_BOOKING_ELEMENTS: readonly string[] = [
  'resourceType',
  'id',
  'meta',
  'implicitRules',
  'language',
  'text',
  'contained',
  'extension',
  'modifierExtension',
  'identifier',
  'status',
  'serviceCategory',
  'serviceType',
  'priority',
  'description',
  'start',
  'end',
  'minutesDuration',
  'slot',
  'created',
  'comment',
  'participant',
];
/** Elements the profile forbids or a booking must not carry (facts §5.6: no reason, no specialty). */
export const FORBIDDEN_BOOKING_ELEMENTS: readonly string[] = [
  'reason',
  'specialty',
  'appointmentType',
  'indication',
  'supportingInformation',
  'incomingReferral',
  'requestedPeriod',
];
export const BOOKING_TEXT_LIMITS = { description: 100, comment: 500 } as const;
/** The participant actor types every booking names (facts §5.6); a Practitioner SHOULD be added when known. */
export const REQUIRED_PARTICIPANT_ACTORS: readonly string[] = ['Patient', 'Location'];
export const DATE_TIME_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2}|Z)$/;
/** A relative reference `Type/{id}`. */
const RELATIVE_REFERENCE = /^(\w+)\/([^/]+)$/;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObject) : []);
const nonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
export const referenceOf = (v: unknown) => (isObject(v) && typeof v.reference === 'string' ? v.reference : undefined);
/** `[type, id]` of a participant's actor, when it is a relative reference. */
export const actorOf = (p: Json) =>
  RELATIVE_REFERENCE.exec(referenceOf(p.actor) ?? '')?.slice(1) as [string, string] | undefined;
const rule = (expected: string, problem: BodyRule['problem']): BodyRule => ({ expected, problem });

export const BOOKING_ELEMENT_RULES: readonly BodyRule[] = [
  rule('resourceType Appointment', (a) =>
    a.resourceType === 'Appointment'
      ? undefined
      : `the body is a ${JSON.stringify(a.resourceType)}, not an Appointment`,
  ),
  ...FORBIDDEN_BOOKING_ELEMENTS.map((key) =>
    rule(`no ${key}`, (a) => (key in a ? `${key} must not be sent when booking` : undefined)),
  ),
  rule('only elements GPConnect-Appointment-1 allows', (a) => {
    const unknown = Object.keys(a).filter((k) => !ALLOWED_BOOKING_ELEMENTS.includes(k));
    return unknown.length ? `unknown element(s): ${unknown.join(', ')}` : undefined;
  }),
  rule(`meta.profile ${PROFILE.appointment}`, (a) =>
    isObject(a.meta) && Array.isArray(a.meta.profile) && a.meta.profile.includes(PROFILE.appointment)
      ? undefined
      : `meta.profile must name ${PROFILE.appointment}`,
  ),
  rule('status booked', (a) =>
    a.status === 'booked' ? undefined : `status must be booked, got ${JSON.stringify(a.status)}`,
  ),
  ...['start', 'end', 'created'].map((key) =>
    rule(`${key}, a dateTime with a UTC offset`, (a) =>
      typeof a[key] === 'string' && DATE_TIME_WITH_OFFSET.test(a[key])
        ? undefined
        : `${key} must be a dateTime with a UTC offset, got ${JSON.stringify(a[key])}`,
    ),
  ),
  rule('a description', (a) => (nonEmptyString(a.description) ? undefined : 'description is mandatory')),
  ...Object.entries(BOOKING_TEXT_LIMITS).map(([key, max]) =>
    rule(`a ${key} (if any) of at most ${max} characters`, (a) =>
      a[key] === undefined || (typeof a[key] === 'string' && a[key].length <= max)
        ? undefined
        : `${key} must be text of at most ${max} characters`,
    ),
  ),
  rule('at least one slot reference Slot/{id}', (a) => {
    if (!Array.isArray(a.slot) || a.slot.length === 0) return 'slot must reference at least one Slot';
    const bad = a.slot.find((s) => !/^Slot\/[^/]+$/.test(referenceOf(s) ?? ''));
    return bad === undefined ? undefined : `slot reference ${JSON.stringify(bad)} is not Slot/{id}`;
  }),
];

/** The participant rules, for the actor types a booking must name (an over-strict provider names more). */
export function participantRules(required: readonly string[] = REQUIRED_PARTICIPANT_ACTORS): readonly BodyRule[] {
  const types = (a: Json) => list(a.participant).map((p) => actorOf(p)?.[0]);
  return [
    rule('participants', (a) => (list(a.participant).length ? undefined : 'participant is mandatory')),
    rule('a status on every participant', (a) =>
      list(a.participant).every((p) => nonEmptyString(p.status)) ? undefined : 'every participant needs a status',
    ),
    rule('an actor Type/{id} in every participant', (a) => {
      const bad = list(a.participant).find((p) => !actorOf(p));
      return bad ? `participant actor ${JSON.stringify(bad.actor)} is not a relative reference Type/{id}` : undefined;
    }),
    rule('exactly one Patient participant', (a) =>
      types(a).filter((t) => t === 'Patient').length > 1 ? 'an appointment is for exactly one Patient' : undefined,
    ),
    rule(`a ${required.join(' and a ')} participant`, (a) => {
      const missing = required.filter((t) => !types(a).includes(t));
      return missing.length ? `participant needs a ${missing.join(' and a ')} actor` : undefined;
    }),
  ];
}

/** The contained Organization the booking-organisation extension points at (`#id`), if it does. */
function bookingOrganisation(a: Json): Json | undefined {
  const extension = list(a.extension).find((e) => e.url === EXT.bookingOrganisation);
  const ref = referenceOf(extension?.valueReference);
  return ref?.startsWith('#')
    ? list(a.contained).find((r) => r.resourceType === 'Organization' && r.id === ref.slice(1))
    : undefined;
}

/** Extension-GPConnect-BookingOrganisation-1 → a contained Organization with ODS code, name and telecom. */
export const BOOKING_ORGANISATION_RULES: readonly BodyRule[] = [
  rule('a booking-organisation extension pointing at a contained Organization', (a) =>
    bookingOrganisation(a)
      ? undefined
      : 'the booking organisation extension must reference a contained Organization (#id)',
  ),
  ...(
    [
      ['an ODS code', (org) => list(org.identifier).some((i) => i.system === SYS.odsOrg && nonEmptyString(i.value))],
      ['a name', (org) => nonEmptyString(org.name)],
      ['a telecom', (org) => list(org.telecom).length > 0],
    ] as [string, (org: Json) => boolean][]
  ).map(([what, has]) =>
    rule(`the booking organisation has ${what}`, (a) => {
      const org = bookingOrganisation(a);
      return !org || has(org) ? undefined : `the booking organisation has no ${what.replace(/^an? /, '')}`;
    }),
  ),
];

/** Every body rule, in the order the provider applies them. */
export const BOOKING_BODY_RULES: readonly BodyRule[] = [
  ...BOOKING_ELEMENT_RULES,
  ...BOOKING_ORGANISATION_RULES,
  ...participantRules(),
];

/** The first rule's problem, or undefined when the body obeys them all. */
export const firstProblem = (rules: readonly BodyRule[], a: Json): string | undefined => {
  for (const r of rules) {
    const problem = r.problem(a);
    if (problem) return problem;
  }
  return undefined;
};
