/**
 * What a book-appointment request must be before any slot is touched ('Book an appointment', PT oracles): a JSON
 * Appointment that obeys the body rules (support/domain/rules/booking-body.ts, which the consumer judge
 * reads too), with slots that exist and fit together and participants that resolve.
 * Every check is synchronous: booking runs validation and the slot claim without yielding in between.
 */
import {
  actorOf,
  BOOKING_ELEMENT_RULES,
  BOOKING_ORGANISATION_RULES,
  firstProblem,
  participantRules,
  referenceOf,
  REQUIRED_PARTICIPANT_ACTORS,
} from '../../domain/rules/booking-body';
import { LOCATIONS, PRACTITIONERS } from '../fixtures/clinicians-and-slots';
import type { ProviderContext } from './context';
import { badRequest, GpcError, invalidResource } from './outcomes';
import { personByPatientId } from './patients';
import type { SlotRecord } from './state';
import { SPINE } from '../../domain/spine-codes';

type Json = Record<string, unknown>;

/** Delivery channels a consumer may never book ('Book an appointment'): the fixtures' VISIT_SLOT has one. */
const UNBOOKABLE_CHANNELS = new Set(['Visit']);

/** Which participant actor types the provider resolves, and how; other types the profile allows pass. */
const ACTOR_RESOLVERS: Record<string, (ctx: ProviderContext, id: string) => boolean> = {
  Patient: (ctx, id) => personByPatientId(ctx.state, ctx.practice.ods, id) !== undefined,
  Location: (ctx, id) => LOCATIONS.some((l) => l.ods === ctx.practice.ods && l.id === id),
  Practitioner: (ctx, id) => PRACTITIONERS.some((p) => p.ods === ctx.practice.ods && p.id === id),
};

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const referenceNotFound = (problem: string) => new GpcError(422, SPINE.REFERENCE_NOT_FOUND, problem);

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

/** slot[] → this practice's slots, in time order, adjacent, one schedule and channel, matching start/end. */
function resolveSlots(ctx: ProviderContext, a: Json): SlotRecord[] {
  // BOOKING_ELEMENT_RULES have seen to it that slot[] holds one or more Slot/{id} references.
  const named = (a.slot as unknown[]).map((ref) => {
    const id = referenceOf(ref)!.slice('Slot/'.length);
    const slot = ctx.state.slots.get(id);
    if (!slot || slot.ods !== ctx.practice.ods)
      throw referenceNotFound(`Slot/${id} does not exist at ${ctx.practice.ods}`);
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
  const required = ctx.faults.apply('provider.booking-actors', REQUIRED_PARTICIPANT_ACTORS, undefined);
  const shape = firstProblem(participantRules(required), a);
  if (shape) throw invalidResource(shape);
  // The shape rules have seen to it that every actor is Type/{id} and there is exactly one Patient.
  const actors = (a.participant as Json[]).map((p) => actorOf(p)!);
  for (const [type, id] of actors)
    if (ACTOR_RESOLVERS[type] && !ACTOR_RESOLVERS[type](ctx, id))
      throw referenceNotFound(`${type}/${id} does not exist at ${ctx.practice.ods}`);
  return actors.find(([type]) => type === 'Patient')![1];
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
  const problem = firstProblem([...BOOKING_ELEMENT_RULES, ...BOOKING_ORGANISATION_RULES], appointment);
  if (problem) throw invalidResource(problem);
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
