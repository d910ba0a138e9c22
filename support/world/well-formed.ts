/**
 * A well-formed request for each Appointment Management and Foundations interaction, built from what the
 * journey met (the slot search's Bundle, the patient found on the provider) with the journey's own request
 * builders, so a probe that breaks one edge rule breaks nothing else: a provider lenient on that rule serves it.
 */
import { identifierValue, ofType, resolve } from '../fhir/bundle';
import { appointmentFor, identifierQuery, patientQuery, slotQuery, slotRange } from '../gpconnect/requests';
import type { Interaction } from '../interactions';
import type { GpcRequest } from '../spine/ssp-client';
import { DAY_MS, ukDate } from '../spine/uk-time';
import { SYS } from '../spine/systems';
import { bookSlot } from './journey';
import { cancelWith, keepVersion } from './lifecycle';
import type { GpcWorld } from './world';
import { need } from './stages';

type Request = Pick<GpcRequest, 'id' | 'query' | 'body' | 'headers'>;

/** The id of a resource of one type the slot search included. */
function met(w: GpcWorld, type: string) {
  const found = ofType(need(w, 'slotSearch').slotSearch.bundle, type)[0];
  if (!found?.id) throw new Error(`the slot search included no ${type}`);
  return found;
}

/** Books the chosen slot and returns the Appointment with the If-Match of its version. */
async function booked(w: GpcWorld): Promise<{ appointment: Record<string, unknown>; etag: string }> {
  const result = await bookSlot(w);
  const appointment = keepVersion(w, result, 201);
  return { appointment, etag: result.headers['etag'] ?? '' };
}

const day = (n: number) => ukDate(new Date(Date.now() + n * DAY_MS));

const BUILDERS: Record<string, (w: GpcWorld) => Promise<Request> | Request> = {
  'read metadata': () => ({}),
  'read patient': (w) => ({ id: need(w, 'providerPatientId').providerPatientId }),
  'find patient': (w) => ({ query: patientQuery(need(w, 'nhsNumber').nhsNumber) }),
  'read practitioner': (w) => ({ id: String(met(w, 'Practitioner').id) }),
  'find practitioner': (w) => ({
    query: identifierQuery(SYS.sdsUserId, identifierValue(met(w, 'Practitioner'), SYS.sdsUserId) ?? ''),
  }),
  'read organization': (w) => ({ id: String(met(w, 'Organization').id) }),
  'find organization': (w) => ({
    query: identifierQuery(SYS.odsOrg, identifierValue(met(w, 'Organization'), SYS.odsOrg) ?? ''),
  }),
  'read location': (w) => ({ id: String(met(w, 'Location').id) }),
  'search free slots': (w) => ({
    query: slotQuery(slotRange(w.target.testData.slotSearchDays ?? 7), w.target.consumer.odsCode),
  }),
  'book appointment': (w) => {
    const slot = need(w, 'slot').slot;
    const bundle = need(w, 'slotSearch').slotSearch.bundle;
    const schedule = resolve(bundle, (slot.schedule as { reference?: string })?.reference);
    return { body: appointmentFor(w.target, slot, schedule, need(w, 'providerPatientId').providerPatientId) };
  },
  'read appointment': async (w) => ({ id: String((await booked(w)).appointment.id) }),
  'amend appointment': async (w) => {
    const { appointment, etag } = await booked(w);
    const body = { ...appointment, description: 'Amended by gpc-assure' };
    return { id: String(appointment.id), body, headers: { 'If-Match': etag } };
  },
  'cancel appointment': async (w) => {
    const { appointment, etag } = await booked(w);
    const body = structuredClone(appointment);
    cancelWith('Patient asked to cancel')(body);
    return { id: String(appointment.id), body, headers: { 'If-Match': etag } };
  },
  "retrieve patient's appointments": (w) => ({
    id: need(w, 'providerPatientId').providerPatientId,
    query: `start=ge${day(0)}&start=le${day(14)}`,
  }),
};

/** The well-formed request for `i` in this scenario (booking first where the interaction needs an appointment). */
export async function wellFormedRequest(w: GpcWorld, i: Interaction): Promise<Request> {
  const build = BUILDERS[i.name];
  if (!build) throw new Error(`no well-formed request is built for ${i.name}`);
  return build(w);
}

export const WELL_FORMED_INTERACTIONS = Object.keys(BUILDERS);
