/**
 * One provider instance's memory: the slots generated at start from SCHEDULES × SLOT_PLAN (plus yesterday's
 * past slots and the one Visit slot), the appointments booked since, and the patients registered since.
 * Everything that must be atomic (claiming slots) is synchronous, so two
 * requests can never interleave between "is it free?" and "it is busy now".
 */
import {
  LOCATIONS,
  PRACTITIONERS,
  SCHEDULES,
  SLOT_PLAN,
  VISIT_SLOT,
  type DeliveryChannel,
} from '../fixtures/clinicians-and-slots';
import { ukDate, ukDateTime, ukWallClock } from '../../spine/uk-time';

export type Schedule = (typeof SCHEDULES)[number];
export type Practitioner = (typeof PRACTITIONERS)[number];
export type Location = (typeof LOCATIONS)[number];

export interface SlotRecord {
  id: string;
  /** ODS code of the practice whose schedule holds the slot. */
  ods: string;
  scheduleId: string;
  status: 'free' | 'busy';
  /** UK local time with offset ('Search for free slots'). */
  start: string;
  end: string;
  startMs: number;
  endMs: number;
  channel: DeliveryChannel;
}

export interface StoredAppointment {
  ods: string;
  resource: Record<string, unknown>;
  /** Bumped by every amend/cancel; the ETag is W/"<versionId>" ('Content types, compression and caching'). */
  versionId: number;
}

export interface ProviderState {
  slots: Map<string, SlotRecord>;
  appointments: Map<string, StoredAppointment>;
  /** planningHorizon of every Schedule: the generated window, yesterday's past slots included. */
  horizon: { start: string; end: string };
  nextAppointmentId: number;
  /** NHS numbers made patients of a practice (by ODS code) by register patient, on top of the fixtures. */
  registrations: Map<string, Set<string>>;
}

const MINUTE_MS = 60_000;
const hhmm = (h: number, m: number) => `${String(h).padStart(2, '0')}${String(m).padStart(2, '0')}`;

export function practitionerOf(schedule: Schedule): Practitioner {
  return PRACTITIONERS.find((p) => p.id === schedule.practitionerId)!;
}

export function locationOf(schedule: Schedule): Location {
  return LOCATIONS.find((l) => l.id === schedule.locationId)!;
}

export function scheduleById(id: string): Schedule | undefined {
  return SCHEDULES.find((s) => s.id === id);
}

/** A slot's times as instants and as UK local time with offset. */
export function slotTimes(
  startMs: number,
  durationMs: number,
): Pick<SlotRecord, 'start' | 'end' | 'startMs' | 'endMs'> {
  const endMs = startMs + durationMs;
  return { start: ukDateTime(new Date(startMs)), end: ukDateTime(new Date(endMs)), startMs, endMs };
}

function slotAt(schedule: Schedule, start: Date, id: string, durationMs = SLOT_PLAN.minutes * MINUTE_MS): SlotRecord {
  return {
    id,
    ods: practitionerOf(schedule).ods,
    scheduleId: schedule.id,
    status: 'free',
    ...slotTimes(start.getTime(), durationMs),
    channel: schedule.channel,
  };
}

/** The slot at a UK wall-clock time `day` days from today, named by schedule, date and time. */
function dailySlot(schedule: Schedule, day: number, [h, m]: [number, number], now: Date): SlotRecord {
  const start = ukWallClock(day, h, m, now);
  return slotAt(schedule, start, `${schedule.id}-${ukDate(start)}-${hhmm(h, m)}`);
}

/**
 * A slot's wall-clock day 1..SLOT_PLAN.days after today: "14 days from tomorrow". Yesterday's past slots and
 * the Visit slot come last, so "the first free slot" of a practice is always an ordinary future one.
 */
function generateSlots(now: Date): SlotRecord[] {
  const ordinary = SCHEDULES.filter((s) => s.channel !== 'Visit');
  const slots: SlotRecord[] = [];
  for (const schedule of ordinary)
    for (let day = 1; day <= SLOT_PLAN.days; day++)
      for (const time of SLOT_PLAN.times) slots.push(dailySlot(schedule, day, time, now));
  for (const schedule of ordinary)
    for (const time of SLOT_PLAN.pastTimes) slots.push(dailySlot(schedule, -1, time, now));
  const visitStart = new Date(VISIT_SLOT.start);
  slots.push(
    slotAt(
      scheduleById(VISIT_SLOT.scheduleId)!,
      visitStart,
      VISIT_SLOT.id,
      Date.parse(VISIT_SLOT.end) - visitStart.getTime(),
    ),
  );
  return slots;
}

export function createState(now = new Date()): ProviderState {
  return {
    slots: new Map(generateSlots(now).map((s) => [s.id, s])),
    appointments: new Map(),
    // From yesterday: the past slots lie inside their Schedule's planning horizon too.
    horizon: {
      start: ukDateTime(ukWallClock(-1, 0, 0, now)),
      end: ukDateTime(ukWallClock(SLOT_PLAN.days + 1, 0, 0, now)),
    },
    nextAppointmentId: 1,
    registrations: new Map(),
  };
}

/** Makes a person a patient of a practice (register patient, 'Register a patient'). */
export function register(state: ProviderState, ods: string, nhsNumber: string): void {
  const here = state.registrations.get(ods) ?? new Set<string>();
  state.registrations.set(ods, here.add(nhsNumber));
}

export function isRegisteredByOperation(state: ProviderState, ods: string, nhsNumber: string): boolean {
  return state.registrations.get(ods)?.has(nhsNumber) ?? false;
}

export function slotsOfPractice(state: ProviderState, ods: string): SlotRecord[] {
  return [...state.slots.values()].filter((s) => s.ods === ods);
}

export interface ClaimPolicy {
  /** Fault provider-double-booking: book without looking at the slot status. */
  ignoreBusy: boolean;
  /** Fault provider-slot-stays-free: leave the slots free after booking. */
  leaveFree: boolean;
}

/**
 * Check-and-set for a booking: returns the first busy slot (nothing changed), or undefined after marking
 * them all busy. Synchronous on purpose: no await may sit between the check and the set.
 */
export function claimSlots(slots: SlotRecord[], policy: ClaimPolicy): SlotRecord | undefined {
  const busy = policy.ignoreBusy ? undefined : slots.find((s) => s.status === 'busy');
  if (busy) return busy;
  if (!policy.leaveFree) for (const s of slots) s.status = 'busy';
  return undefined;
}

/** Stores a new appointment at version 1 and returns its logical id. */
export function storeAppointment(
  state: ProviderState,
  ods: string,
  build: (id: string) => Record<string, unknown>,
): StoredAppointment & { id: string } {
  const id = String(state.nextAppointmentId++);
  const stored: StoredAppointment = { ods, resource: build(id), versionId: 1 };
  state.appointments.set(id, stored);
  return { ...stored, id };
}
