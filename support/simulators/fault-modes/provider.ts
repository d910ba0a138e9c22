/** The worked example's provider faults ('Get the FHIR capability statement' to 'Book an appointment'): each spoils one answer or skips one duty. */
import { SLOT_PLAN } from '../fixtures/clinicians-and-slots';
import { daysBetween, ukDate, ukWallClock } from '../../spine/uk-time';
import { without, withoutResources, type FaultMode } from '../fault-points';
import type { SimResponse } from '../http-kit';
import { otherPatientId } from '../provider/patients';
import { slotTimes, type SlotRecord } from '../provider/state';

type Json = Record<string, unknown>;
type Participant = { actor: { reference: string } };

const participantsOf = (a: Json) => (a.participant ?? []) as Participant[];
/** The booking answer with its returned Appointment (if any: Prefer return=minimal has none) changed. */
const spoilBooked = (answer: SimResponse, spoil: (a: Json) => void): SimResponse => {
  if (!answer.body) return answer;
  const body = structuredClone(answer.body) as Json;
  spoil(body);
  return { ...answer, body };
};
/** A copy of the first slot offered, changed: what the slot faults add to an honest result. */
const extraSlot = (slots: readonly SlotRecord[], change: (template: SlotRecord) => SlotRecord) =>
  slots[0] ? [...slots, change(slots[0])] : slots;

export const PROVIDER_FAULTS = [
  {
    id: 'provider-metadata-wrong-version',
    hop: 'provider',
    description: 'The CapabilityStatement says fhirVersion 4.0.1',
    breaks: ['WE-3a'],
    effects: { 'provider.capability-statement': (cs) => ({ ...cs, fhirVersion: '4.0.1' }) },
  },
  {
    id: 'provider-metadata-no-xml',
    hop: 'provider',
    description: 'The CapabilityStatement lists only JSON',
    breaks: ['WE-3b'],
    effects: {
      'provider.capability-statement': (cs) => ({
        ...cs,
        format: (cs.format as string[]).filter((f) => f !== 'application/fhir+xml'),
      }),
    },
  },
  {
    id: 'provider-no-cache-control',
    hop: 'provider',
    description: 'The provider omits Cache-Control: no-store',
    breaks: ['WE-3b'],
    effects: { 'provider.answer-rules': without('FMT-NO-STORE') },
  },
  {
    id: 'provider-slots-collection',
    hop: 'provider',
    description: 'The slot search Bundle is a collection, not a searchset',
    breaks: ['WE-4a'],
    effects: { 'provider.slot-bundle': (bundle) => ({ ...bundle, type: 'collection' }) },
  },
  {
    id: 'provider-busy-slot',
    hop: 'provider',
    description: 'The slot search returns a busy Slot',
    breaks: ['WE-4b'],
    effects: {
      'provider.slots-offered': (slots) => extraSlot(slots, (s) => ({ ...s, id: `${s.id}-busy`, status: 'busy' })),
    },
  },
  {
    id: 'provider-slot-out-of-range',
    hop: 'provider',
    description: 'The slot search returns a Slot after the searched end',
    breaks: ['WE-4b'],
    effects: {
      // At the first daily slot time of the day after the searched end.
      'provider.slots-offered': (slots, { now, endDate }) =>
        extraSlot(slots, (s) => {
          const [h, m] = SLOT_PLAN.times[0];
          const start = ukWallClock(daysBetween(ukDate(now), endDate) + 1, h, m, now).getTime();
          return { ...s, id: `${s.id}-late`, ...slotTimes(start, s.endMs - s.startMs) };
        }),
    },
  },
  {
    id: 'provider-slots-no-schedule',
    hop: 'provider',
    description: 'The slot search leaves Schedules out of the Bundle',
    breaks: ['WE-4c'],
    effects: { 'provider.slot-resources': withoutResources('Schedule') },
  },
  {
    id: 'provider-slot-utc-times',
    hop: 'provider',
    description: 'Slots carry UTC (Z) times',
    breaks: ['WE-4d'],
    effects: { 'provider.slot-rendering': (r) => ({ ...r, utcTimes: true }) },
  },
  {
    id: 'provider-slot-no-channel',
    hop: 'provider',
    description: 'Slots carry no delivery channel',
    breaks: ['WE-4d'],
    effects: { 'provider.slot-rendering': (r) => ({ ...r, noChannel: true }) },
  },
  {
    id: 'provider-patient-search-empty',
    hop: 'provider',
    description: 'Find patient returns an empty Bundle',
    breaks: ['WE-5a'],
    effects: { 'provider.patient-found': () => undefined },
  },
  {
    id: 'provider-patient-wrong-system',
    hop: 'provider',
    description: 'The Patient carries its NHS number under a legacy system',
    breaks: ['WE-5b'],
    effects: { 'provider.patient-rendering': (r) => ({ ...r, legacySystem: true }) },
  },
  {
    id: 'provider-patient-no-verification',
    hop: 'provider',
    description: 'The Patient NHS number has no verification status',
    breaks: ['WE-5b'],
    effects: { 'provider.patient-rendering': (r) => ({ ...r, noVerification: true }) },
  },
  {
    id: 'provider-patient-no-official-name',
    hop: 'provider',
    description: 'The Patient name has use usual, not official',
    breaks: ['WE-5c'],
    effects: { 'provider.patient-rendering': (r) => ({ ...r, nameUse: 'usual' }) },
  },
  {
    id: 'provider-book-200',
    hop: 'provider',
    description: 'Booking answers 200 instead of 201',
    breaks: ['WE-6a'],
    effects: { 'provider.booked': (answer) => ({ ...answer, status: 200 }) },
  },
  {
    id: 'provider-book-no-location-header',
    hop: 'provider',
    description: 'Booking answers without a Location header',
    breaks: ['WE-6a'],
    effects: {
      'provider.booked': ({ headers: { Location: _dropped, ...headers } = {}, ...answer }) => ({ ...answer, headers }),
    },
  },
  {
    id: 'provider-book-no-profile',
    hop: 'provider',
    description: 'The booked Appointment has no meta.profile',
    breaks: ['WE-6b'],
    effects: { 'provider.booked': (answer) => spoilBooked(answer, (a) => delete (a.meta as Json).profile) },
  },
  {
    id: 'provider-book-drops-location',
    hop: 'provider',
    description: 'The booked Appointment loses its Location participant',
    breaks: ['WE-6b'],
    effects: {
      'provider.booked': (answer) =>
        spoilBooked(answer, (a) => {
          a.participant = participantsOf(a).filter((p) => !p.actor.reference.startsWith('Location/'));
        }),
    },
  },
  {
    id: 'provider-double-booking',
    hop: 'provider',
    description: 'The provider books a slot that is already booked',
    breaks: ['WE-6c', 'AM-BOOK-RACE'],
    effects: { 'provider.slot-claim': (policy) => ({ ...policy, ignoreBusy: true }) },
  },
  {
    id: 'provider-slot-stays-free',
    hop: 'provider',
    description: 'A booked slot is still offered as free',
    breaks: ['WE-6d'],
    effects: { 'provider.slot-claim': (policy) => ({ ...policy, leaveFree: true }) },
  },
  {
    id: 'provider-book-wrong-patient',
    hop: 'provider',
    description: 'The booked Appointment names another patient',
    breaks: ['WE-J1'],
    effects: {
      'provider.booked': (answer, { patientId }) =>
        spoilBooked(answer, (a) => {
          const patient = participantsOf(a).find((p) => p.actor.reference.startsWith('Patient/'));
          if (patient) patient.actor = { reference: `Patient/${otherPatientId(patientId)}` };
        }),
    },
  },
] as const satisfies readonly FaultMode[];
