/**
 * What a book-appointment request must be before any slot is touched (facts §5.6, PT oracles): a JSON
 * Appointment with only the elements GPConnect-Appointment-1 allows, the mandatory ones present, slots
 * that exist and fit together, resolvable participants and a contained booking organisation.
 * Every check is synchronous: booking runs validation and the slot claim without yielding in between.
 */
import { EXT } from '../../spine/systems';
import { LOCATIONS, PRACTITIONERS } from '../fixtures/people';
import type { ProviderContext } from './context';
import { badRequest, GpcError, invalidResource } from './outcomes';
import { personByPatientId } from './patients';
import type { SlotRecord } from './state';

type Json = Record<string, unknown>;

/** Elements GPConnect-Appointment-1 lets a consumer send; anything else is an unknown field (PT: 422). */
const ALLOWED_ELEMENTS = new Set([
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
]);
/** Elements the profile forbids or a booking must not carry (facts §5.6: no reason, no specialty). */
const FORBIDDEN_ELEMENTS = [
  'reason',
  'specialty',
  'appointmentType',
  'indication',
  'supportingInformation',
  'incomingReferral',
  'requestedPeriod',
];

const TEXT_LIMITS = { description: 100, comment: 500 } as const;
/** Delivery channels a consumer may never book (facts §5.6): the fixtures' VISIT_SLOT has one. */
const UNBOOKABLE_CHANNELS = new Set(['Visit']);
const DATE_TIME_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2}|Z)$/;

/** Which participant actor types the provider resolves, and how; other types the profile allows pass. */
const ACTOR_RESOLVERS: Record<string, (ctx: ProviderContext, id: string) => boolean> = {
  Patient: (ctx, id) => personByPatientId(ctx.state, ctx.practice.ods, id) !== undefined,
  Location: (ctx, id) => LOCATIONS.some((l) => l.ods === ctx.practice.ods && l.id === id),
  Practitioner: (ctx, id) => PRACTITIONERS.some((p) => p.ods === ctx.practice.ods && p.id === id),
};
const REQUIRED_ACTORS = ['Patient', 'Location'];

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const nonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
const referenceOf = (v: unknown) => (isObject(v) && typeof v.reference === 'string' ? v.reference : undefined);
const referenceNotFound = (problem: string) => new GpcError(422, 'REFERENCE_NOT_FOUND', problem);

function parseAppointment(body: string): Json {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (err) {
    throw badRequest(`the body is not valid JSON: ${(err as Error).message}`);
  }
  if (!isObject(parsed) || parsed.resourceType !== 'Appointment')
    throw invalidResource(
      `the body is not an Appointment (resourceType ${JSON.stringify(isObject(parsed) ? parsed.resourceType : typeof parsed)})`,
    );
  return parsed;
}

function checkElements(a: Json): void {
  for (const key of FORBIDDEN_ELEMENTS) if (key in a) throw invalidResource(`${key} must not be sent when booking`);
  const unknown = Object.keys(a).filter((k) => !ALLOWED_ELEMENTS.has(k));
  if (unknown.length) throw invalidResource(`unknown element(s): ${unknown.join(', ')}`);
  if (a.status !== 'booked') throw invalidResource(`status must be booked, got ${JSON.stringify(a.status)}`);
  for (const key of ['start', 'end', 'created'])
    if (typeof a[key] !== 'string' || !DATE_TIME_WITH_OFFSET.test(a[key] as string))
      throw invalidResource(`${key} must be a dateTime with a UTC offset, got ${JSON.stringify(a[key])}`);
  if (!nonEmptyString(a.description)) throw invalidResource('description is mandatory');
  for (const [key, max] of Object.entries(TEXT_LIMITS))
    if (a[key] !== undefined && (typeof a[key] !== 'string' || (a[key] as string).length > max))
      throw invalidResource(`${key} must be text of at most ${max} characters`);
}

/** slot[] → this practice's slots, in time order, adjacent, one schedule and channel, matching start/end. */
function resolveSlots(ctx: ProviderContext, a: Json): SlotRecord[] {
  if (!Array.isArray(a.slot) || a.slot.length === 0) throw invalidResource('slot must reference at least one Slot');
  const named = a.slot.map((ref) => {
    const m = /^Slot\/([^/]+)$/.exec(referenceOf(ref) ?? '');
    if (!m) throw invalidResource(`slot reference ${JSON.stringify(ref)} is not Slot/{id}`);
    const slot = ctx.state.slots.get(m[1]);
    if (!slot || slot.ods !== ctx.practice.ods)
      throw referenceNotFound(`Slot/${m[1]} does not exist at ${ctx.practice.ods}`);
    return slot;
  });
  named.sort((x, y) => x.startMs - y.startMs);
  // An over-strict provider may refuse the slots here; an effect never adds or drops one.
  const slots = [...ctx.faults.apply('provider.booking-slots', named, undefined)];
  slots.forEach((s, i) => {
    const prev = slots[i - 1];
    if (
      prev &&
      ctx.does('book only adjacent slots of one schedule and channel') &&
      (s.startMs !== prev.endMs || s.scheduleId !== prev.scheduleId || s.channel !== prev.channel)
    )
      throw invalidResource(
        `Slot/${prev.id} and Slot/${s.id} are not adjacent slots of one schedule and delivery channel`,
      );
    if (UNBOOKABLE_CHANNELS.has(s.channel) && ctx.does('refuse unbookable delivery channels'))
      throw invalidResource(`Slot/${s.id} has delivery channel ${s.channel}, which cannot be booked`);
  });
  const first = slots[0];
  const last = slots[slots.length - 1];
  if (Date.parse(a.start as string) !== first.startMs || Date.parse(a.end as string) !== last.endMs)
    throw invalidResource(`start/end ${a.start}..${a.end} do not match the slots ${first.start}..${last.end}`);
  if (first.startMs <= ctx.now.getTime() && ctx.does('refuse slots that have started'))
    throw invalidResource(`Slot/${first.id} starts in the past`);
  return slots;
}

/** Returns the booked patient's logical id. */
function checkParticipants(ctx: ProviderContext, a: Json): string {
  if (!Array.isArray(a.participant) || a.participant.length === 0) throw invalidResource('participant is mandatory');
  const seen = new Map<string, string>();
  for (const p of a.participant) {
    if (!isObject(p) || !nonEmptyString(p.status)) throw invalidResource('every participant needs a status');
    const m = /^(\w+)\/([^/]+)$/.exec(referenceOf(p.actor) ?? '');
    if (!m) throw invalidResource(`participant actor ${JSON.stringify(p.actor)} is not a relative reference Type/{id}`);
    const [, type, id] = m;
    const resolves = ACTOR_RESOLVERS[type];
    if (resolves && !resolves(ctx, id)) throw referenceNotFound(`${type}/${id} does not exist at ${ctx.practice.ods}`);
    if (type === 'Patient' && seen.has('Patient')) throw invalidResource('an appointment is for exactly one Patient');
    seen.set(type, id);
  }
  const required = ctx.faults.apply('provider.booking-actors', REQUIRED_ACTORS, undefined);
  const missing = required.filter((t) => !seen.has(t));
  if (missing.length) throw invalidResource(`participant needs a ${missing.join(' and a ')} actor`);
  return seen.get('Patient')!;
}

/** Extension-GPConnect-BookingOrganisation-1 → a contained Organization with name and telecom. */
function checkBookingOrganisation(a: Json): void {
  const extension = Array.isArray(a.extension)
    ? a.extension.find((e) => isObject(e) && e.url === EXT.bookingOrganisation)
    : undefined;
  const ref = referenceOf(isObject(extension) ? extension.valueReference : undefined);
  if (!ref?.startsWith('#'))
    throw invalidResource('the booking organisation extension must reference a contained Organization (#id)');
  const org = Array.isArray(a.contained)
    ? a.contained.find((r) => isObject(r) && r.resourceType === 'Organization' && r.id === ref.slice(1))
    : undefined;
  if (!isObject(org)) throw invalidResource(`no contained Organization with id ${ref.slice(1)}`);
  if (!nonEmptyString(org.name)) throw invalidResource('the booking organisation has no name');
  if (!Array.isArray(org.telecom) || org.telecom.length === 0)
    throw invalidResource('the booking organisation has no telecom');
}

export interface ValidBooking {
  appointment: Json;
  slots: SlotRecord[];
  patientId: string;
}

export function validateBooking(ctx: ProviderContext): ValidBooking {
  const appointment = parseAppointment(ctx.req.body);
  // A provider that skips the body rules reads only what booking needs.
  if (!ctx.does('check the booking body'))
    return { appointment, slots: lenientSlots(ctx, appointment), patientId: lenientPatientId(appointment) };
  checkElements(appointment);
  checkBookingOrganisation(appointment);
  const patientId = checkParticipants(ctx, appointment);
  const slots = resolveSlots(ctx, appointment);
  return { appointment, slots, patientId };
}

/** The slots a lenient provider books: whatever slot[] names that exists, or the first free one. */
function lenientSlots(ctx: ProviderContext, a: Json): SlotRecord[] {
  const named = (Array.isArray(a.slot) ? a.slot : [])
    .map((r) => ctx.state.slots.get((referenceOf(r) ?? '').replace(/^Slot\//, '')))
    .filter((s): s is SlotRecord => !!s);
  const anyFree = [...ctx.state.slots.values()].find((s) => s.ods === ctx.practice.ods && s.status === 'free');
  return named.length ? named : anyFree ? [anyFree] : [];
}

function lenientPatientId(a: Json): string {
  const patient = (Array.isArray(a.participant) ? a.participant : [])
    .map((p) => referenceOf(isObject(p) ? p.actor : undefined) ?? '')
    .find((r) => r.includes('Patient/'));
  return patient?.split('Patient/').pop() ?? 'unknown';
}
