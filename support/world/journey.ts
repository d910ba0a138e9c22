/**
 * The worked example's hops as actions. Each sends one request and, where a later hop needs its output,
 * checks just enough to carry that value forward — naming the requirement it relies on, so a failure in a
 * Background is blamed on the right hop and requirement, not on the scenario that happened to need it.
 */
import { interaction, type Interaction } from '../interactions';
import { hasSecurityLabel, identifierValue, ofType, resolve, type Resource } from '../fhir/bundle';
import { appointmentFor, patientQuery, slotQuery, slotRange } from '../gpconnect/requests';
import { tracePatient } from '../spine/pds-client';
import { findDevices, findEndpoints } from '../spine/sds-client';
import { sendGpc, type GpcRequest } from '../spine/ssp-client';
import { ASID_PATTERN, ODS_PATTERN } from '../spine/nhs-number';
import { SYS } from '../spine/systems';
import { rootProblem } from '../spine/service-root';
import type { HttpResult } from '../spine/http';
import { check, expectAnswer, fail } from './checks';
import { currentRegistration } from './pds-judgement';
import { deviceAnswersQuery, endpointAnswersQuery } from './sds-answers';
import type { GpcWorld } from './world';
import { need } from './stages';
import { noteCapabilityRead, requireAdvertised } from './advertised';

export function choosePatient(w: GpcWorld, role: string): void {
  const patient = w.target.testData.patients[role];
  if (!patient)
    fail(w, {
      hop: 'config',
      expected: `testData.patients.${role} in target ${w.target.name}`,
      actual: 'no such test patient',
      kind: 'config',
    });
  w.state.patientRole = role;
  w.state.patient = patient;
  w.state.nhsNumber = patient.nhsNumber;
}

export async function traceOnPds(w: GpcWorld, opts: { omitRequestId?: boolean } = {}): Promise<HttpResult> {
  const nhsNumber =
    w.state.patient?.nhsNumber ??
    fail(w, { hop: 'config', expected: 'a chosen test patient', actual: 'none', kind: 'config' });
  return w.remember(
    'pds',
    await tracePatient(w.evidence, w.target, nhsNumber, { ...opts, correlationId: w.correlationId }),
  );
}

/** The ODS code of the registered practice: the single generalPractitioner identifier (WE-1c). */
export function practiceOds(w: GpcWorld, patient: Resource, result: HttpResult): string {
  // A restricted record has its generalPractitioner removed (WE-1e): its own outcome, not a missing field.
  check(w, !hasSecurityLabel(patient, SYS.confidentiality, 'R'), {
    hop: 'pds',
    requirement: 'WE-1c',
    evidence: result,
    expected: 'an unrestricted record with its registered practice',
    actual: 'a restricted record: PDS withholds generalPractitioner, so there is no practice to route to',
  });
  const gps = Array.isArray(patient.generalPractitioner) ? patient.generalPractitioner : [];
  const ods = gps.map((g) => identifierValue(g, SYS.odsOrg)).filter((v): v is string => !!v);
  check(w, gps.length === 1 && ods.length === 1, {
    requirement: 'WE-1c',
    evidence: result,
    expected: 'exactly one generalPractitioner with an ODS code',
    actual: `${gps.length} generalPractitioner, ${ods.length} ODS code(s)`,
  });
  check(w, ODS_PATTERN.test(ods[0]), {
    requirement: 'WE-1c',
    evidence: result,
    expected: 'an ODS code matching ^[0-9A-Z]+$',
    actual: JSON.stringify(ods[0]),
  });
  return ods[0];
}

export async function traceAndReadOds(w: GpcWorld): Promise<void> {
  const result = await traceOnPds(w);
  const patient = expectAnswer(w, result, { requirement: 'WE-1a', status: 200, resourceType: 'Patient' });
  w.state.pdsPatient = patient;
  // A superseded number answers with the surviving record: GP Connect goes on with the surviving number.
  if (typeof patient.id === 'string' && patient.id !== w.state.nhsNumber) {
    w.carry('supersededNhsNumber', need(w, 'nhsNumber').nhsNumber);
    w.state.nhsNumber = patient.id;
  }
  w.state.ods = practiceOds(w, patient, result);
  w.carry('nhsNumber', need(w, 'nhsNumber').nhsNumber);
  w.carry('odsCode', w.state.ods);
}

export function lookupInteraction(w: GpcWorld): Interaction {
  return interaction(w.target.sds.lookupInteraction ?? 'read metadata');
}

export async function lookupEndpoint(w: GpcWorld, i: Interaction): Promise<HttpResult> {
  return w.remember(
    'sds',
    await findEndpoints(w.evidence, w.target, need(w, 'ods').ods, i.interactionId, w.correlationId),
  );
}

/** The single resource of a searchset (T13: zero or several is a failure). */
export function onlyEntry(w: GpcWorld, result: HttpResult, type: string, requirement: string): Resource {
  const bundle = expectAnswer(w, result, { hop: 'sds', requirement, status: 200, resourceType: 'Bundle' });
  check(w, bundle.type === 'searchset', {
    hop: 'sds',
    requirement,
    evidence: result,
    expected: 'Bundle.type searchset',
    actual: JSON.stringify(bundle.type),
  });
  const found = ofType(bundle, type);
  check(w, found.length === 1, {
    hop: 'sds',
    requirement,
    evidence: result,
    expected: `exactly one ${type}`,
    actual: `${found.length} ${type} resources`,
  });
  return found[0];
}

export function endpointRoot(w: GpcWorld, endpoint: Resource, result: HttpResult): string {
  const problem = rootProblem(endpoint.address, need(w, 'ods').ods);
  check(w, !problem, {
    requirement: 'WE-2b',
    evidence: result,
    expected: 'a service root URL (facts §1)',
    actual: problem ?? '',
  });
  return endpoint.address as string;
}

export function endpointPartyKey(w: GpcWorld, endpoint: Resource, result: HttpResult): string {
  const partyKey = identifierValue(endpoint, SYS.partyKey);
  check(w, partyKey !== undefined, {
    requirement: 'WE-2c',
    evidence: result,
    expected: `an identifier with system ${SYS.partyKey}`,
    actual: 'none',
  });
  return partyKey;
}

export function endpointDetails(
  w: GpcWorld,
  endpoint: Resource,
  result: HttpResult,
): { root: string; partyKey: string } {
  return { root: endpointRoot(w, endpoint, result), partyKey: endpointPartyKey(w, endpoint, result) };
}

export async function lookupDevice(w: GpcWorld, i: Interaction): Promise<HttpResult> {
  return w.remember(
    'sds',
    await findDevices(
      w.evidence,
      w.target,
      need(w, 'ods').ods,
      i.interactionId,
      need(w, 'endpoint').endpoint.partyKey,
      w.correlationId,
    ),
  );
}

export function deviceAsid(w: GpcWorld, device: Resource, result: HttpResult): string {
  const asid = identifierValue(device, SYS.asid);
  check(w, asid !== undefined && ASID_PATTERN.test(asid), {
    requirement: 'WE-2d',
    evidence: result,
    expected: `a 12-digit ASID under ${SYS.asid}`,
    actual: JSON.stringify(asid),
  });
  return asid;
}

/** SDS Endpoint then Device for one interaction (the lookup key; ARS looks up its own); returns the Endpoint answer. */
export async function resolveEndpointAndAsid(
  w: GpcWorld,
  i = lookupInteraction(w),
  requirements = { endpoint: 'WE-2a', device: 'WE-2d' },
): Promise<HttpResult> {
  const endpointResult = await lookupEndpoint(w, i);
  const endpoint = onlyEntry(w, endpointResult, 'Endpoint', requirements.endpoint);
  w.state.endpoint = { ...endpointDetails(w, endpoint, endpointResult), ods: need(w, 'ods').ods };
  endpointAnswersQuery(w, endpoint, endpointResult);
  const deviceResult = await lookupDevice(w, i);
  const device = onlyEntry(w, deviceResult, 'Device', requirements.device);
  w.state.providerAsid = deviceAsid(w, device, deviceResult);
  deviceAnswersQuery(w, device, deviceResult);
  w.carry('serviceRoot', w.state.endpoint.root);
  w.carry('partyKey', w.state.endpoint.partyKey);
  w.carry('providerAsid', w.state.providerAsid);
  return endpointResult;
}

export async function resolvePractice(w: GpcWorld): Promise<void> {
  await traceAndReadOds(w);
  // Not for the deceased, nor at a practice the patient has left (WE-1i): stop before SDS and GP Connect.
  currentRegistration(w, need(w, 'pdsPatient').pdsPatient, w.answer('pds'));
  await resolveEndpointAndAsid(w);
}

/**
 * `probe: true` marks a request made wrong on purpose: its body is not held to the profiles (the provider is
 * meant to refuse it). Every other request the harness builds is, headers or not.
 */
export async function throughSsp(
  w: GpcWorld,
  i: Interaction,
  { probe = false, ...req }: Partial<GpcRequest> & { probe?: boolean } = {},
): Promise<HttpResult> {
  const { endpoint, providerAsid } = w.state;
  if (!endpoint || !providerAsid) throw new Error('the practice has not been resolved on SDS yet');
  w.validateRequests = !probe && req.claims === undefined;
  // Only an interaction the scenario means to use, as SDS resolved it: not a probe, altered claims, another root or ASID.
  const meantUse = w.validateRequests && req.root === undefined && req.fromAsid === undefined;
  if (meantUse) await requireAdvertised(w, i, endpoint.root, providerAsid);
  const result = await sendGpc(w.evidence, w.target, { interaction: i, root: endpoint.root, providerAsid, ...req });
  if (meantUse) noteCapabilityRead(w, i, endpoint.root, result);
  // One answer, two readings: "the SSP answers" (a Spine refusal) and "the provider answers".
  w.remember('ssp', result);
  return w.remember('provider', result);
}

export async function searchFreeSlots(
  w: GpcWorld,
  range = slotRange(w.target.testData.slotSearchDays ?? 7),
): Promise<HttpResult> {
  const result = await throughSsp(w, interaction('search free slots'), {
    query: slotQuery(range, w.target.consumer.odsCode),
  });
  w.state.slotSearch = { ...range, bundle: {} };
  return result;
}

/** A free slot to book (WE-4a, WE-4b), with the Schedule whose actors give the Location. */
export function chooseFreeSlot(w: GpcWorld, result: HttpResult): void {
  const bundle = expectAnswer(w, result, {
    requirement: 'WE-4a',
    status: 200,
    resourceType: 'Bundle',
  });
  need(w, 'slotSearch').slotSearch.bundle = bundle;
  const slot = ofType(bundle, 'Slot').find((s) => s.status === 'free');
  check(w, !!slot, {
    requirement: 'WE-4b',
    evidence: result,
    expected: 'at least one free Slot',
    actual: 'none',
  });
  w.state.slot = slot;
}

export async function findPatientOnProvider(w: GpcWorld): Promise<HttpResult> {
  return throughSsp(w, interaction('find patient'), { query: patientQuery(need(w, 'nhsNumber').nhsNumber) });
}

export function foundPatientId(w: GpcWorld, result: HttpResult): string {
  const bundle = expectAnswer(w, result, {
    requirement: 'WE-5a',
    status: 200,
    resourceType: 'Bundle',
  });
  const patients = ofType(bundle, 'Patient');
  const id = patients[0]?.id;
  check(w, patients.length === 1 && typeof id === 'string', {
    requirement: 'WE-5a',
    evidence: result,
    expected: 'exactly one Patient with an id',
    actual: `${patients.length} Patient resources`,
  });
  w.state.providerPatientId = id;
  w.carry('providerPatientId', id);
  return id;
}

export async function bookSlot(w: GpcWorld): Promise<HttpResult> {
  const slot = need(w, 'slot').slot;
  const schedule = resolve(
    need(w, 'slotSearch').slotSearch.bundle,
    (slot.schedule as { reference?: string })?.reference,
  );
  const body = appointmentFor(w.target, slot, schedule, need(w, 'providerPatientId').providerPatientId);
  w.state.bookedSlotId = String(slot.id);
  w.carry('slotId', String(slot.id));
  return throughSsp(w, interaction('book appointment'), { body });
}
