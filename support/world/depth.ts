/**
 * The journey as a consumer must run it (CON-NHS-NUMBER, CON-PDS-FIRST): check the NHS number before sending it anywhere, stop
 * for restricted and deceased patients rather than route them to GP Connect, and carry a superseded number's
 * surviving number forward. Each stop leaves its reason on the World, so the scenario can say why.
 */
import { hasSecurityLabel, resolve, type Resource } from '../fhir/bundle';
import { appointmentFor, encodeQuery, slotParams, type QueryParams, type SlotRange } from '../gpconnect/requests';
import { interaction } from '../interactions';
import type { HttpResult } from '../spine/http';
import { nhsNumberProblem } from '../spine/nhs-number';
import { SYS } from '../spine/systems';
import { expectAnswer } from './checks';
import { findPatientOnProvider, practiceOds, resolveEndpointAndAsid, throughSsp, traceOnPds } from './journey';
import type { GpcWorld } from './world';
import { need } from './stages';

/**
 * The scenario's depth requirement, which every depth check names. The catalogue holds the depth IDs, so it is
 * the World's requirement (the scenario's first catalogue tag); the name stays so the depth steps read alike.
 */
export function depthRequirement(w: GpcWorld): string {
  return w.requirement;
}

/** Why a PDS record must not go on to GP Connect (WE-1e: restricted has no GP; WE-1h: deceased gets nothing). */
const STOP_RULES: { reason: string; applies: (patient: Record<string, unknown>) => boolean }[] = [
  { reason: 'restricted', applies: (p) => hasSecurityLabel(p, SYS.confidentiality, 'R') },
  { reason: 'deceased', applies: (p) => typeof p.deceasedDateTime === 'string' || p.deceasedBoolean === true },
];

/** Trace, then (unless a stop rule applies) resolve the practice and find the patient through the SSP. */
export async function runGuardedJourney(w: GpcWorld): Promise<void> {
  const requested = need(w, 'nhsNumber').nhsNumber;
  const problem = nhsNumberProblem(requested);
  if (problem) {
    w.stoppedBecause = `invalid NHS number: ${problem}`;
    return;
  }
  const result = await traceOnPds(w);
  const patient = expectAnswer(w, result, {
    requirement: depthRequirement(w),
    status: 200,
    resourceType: 'Patient',
  });
  w.state.pdsPatient = patient;
  const stop = STOP_RULES.find((r) => r.applies(patient));
  if (stop) {
    w.stoppedBecause = stop.reason;
    return;
  }
  if (typeof patient.id === 'string' && patient.id !== requested) {
    w.carry('supersededNhsNumber', requested);
    w.state.nhsNumber = patient.id;
  }
  w.carry('nhsNumber', need(w, 'nhsNumber').nhsNumber);
  w.state.ods = practiceOds(w, patient, result);
  await resolveEndpointAndAsid(w);
  await findPatientOnProvider(w);
}

/** The exchanges of one hop in this scenario's evidence. */
export function exchangesOf(w: GpcWorld, hop: string) {
  return w.evidence.exchanges.filter((e) => e.hop === hop);
}

/** A slot search with the honest parameters changed by `change` (see support/gpconnect/slot-probes.ts). */
export async function searchSlotsWith(
  w: GpcWorld,
  range: SlotRange,
  change: (p: QueryParams) => QueryParams = (p) => p,
): Promise<HttpResult> {
  const query = encodeQuery(change(slotParams(range, w.target.consumer.odsCode)));
  w.state.slotSearch = { ...range, bundle: {} };
  return throughSsp(w, interaction('search free slots'), { query });
}

/** The honest booking body for the chosen slot and found patient, changed by `change` (booking-probes.ts). */
export function bookingBody(w: GpcWorld, change: (a: Resource) => void = () => {}): Resource {
  const slot = need(w, 'slot').slot;
  const schedule = resolve(
    need(w, 'slotSearch').slotSearch.bundle,
    (slot.schedule as { reference?: string })?.reference,
  );
  const body = structuredClone(
    appointmentFor(w.target, slot, schedule, need(w, 'providerPatientId').providerPatientId),
  );
  change(body);
  return body;
}

/**
 * Book with a body and extra headers. `probe` marks a body made wrong on purpose, so it is not failed on its
 * profile before the provider has had its say; an honest booking is held to the profile like any other.
 */
export function bookWith(
  w: GpcWorld,
  body: Resource,
  headers: Record<string, string> = {},
  probe = false,
): Promise<HttpResult> {
  w.state.bookedSlotId = String(need(w, 'slot').slot.id);
  return throughSsp(w, interaction('book appointment'), { body, headers, probe });
}
