/**
 * Find patient ('Find a patient') and the patient lookups booking needs. A practice knows a person only when the
 * person is an ordinary (not restricted, deceased, superseded or invalidated) patient registered there, on
 * PDS or by register patient since.
 */
import { nhsNumberProblem } from '../../spine/nhs-number';
import { SYS } from '../../spine/systems';
import { PEOPLE, type Person } from '../fixtures/people';
import type { SimResponse } from '../http-kit';
import type { ProviderContext } from './context';
import { identifierParam, ignoreShapingParams, lenientIdentifier } from './identifier-param';
import { GpcError } from './outcomes';
import { HONEST_PATIENT, nhsNumberOfPatientId, patientId, patientResource, searchset } from './resources';
import { isRegisteredByOperation, type ProviderState } from './state';
import { SPINE } from '../../domain/spine-codes';

/**
 * The person behind an NHS number, when this practice may return them: an ordinary patient registered there
 * on PDS, or one this provider has registered since (register patient).
 */
function registeredPerson(state: ProviderState, ods: string, nhsNumber: string): Person | undefined {
  return PEOPLE.find(
    (p) =>
      p.nhsNumber === nhsNumber &&
      p.kind === 'normal' &&
      (p.gpOds === ods || isRegisteredByOperation(state, ods, nhsNumber)),
  );
}

/** Whether an NHS number is already a patient of the practice: what makes a registration a duplicate. */
export function isPatientOf(state: ProviderState, ods: string, nhsNumber: string): boolean {
  return registeredPerson(state, ods, nhsNumber) !== undefined || isRegisteredByOperation(state, ods, nhsNumber);
}

/** The person behind a Patient logical id (`pat-<nhs>`) at this practice, as booking resolves `Patient/{id}`. */
export function personByPatientId(state: ProviderState, ods: string, id: string): Person | undefined {
  const nhsNumber = nhsNumberOfPatientId(id);
  return nhsNumber === undefined ? undefined : registeredPerson(state, ods, nhsNumber);
}

/** Another patient's logical id: what fault provider-book-wrong-patient names instead of the booked one. */
export function otherPatientId(id: string): string {
  const other = PEOPLE.find((p) => p.kind === 'normal' && patientId(p.nhsNumber) !== id)!;
  return patientId(other.nhsNumber);
}

/** `identifier=https://fhir.nhs.uk/Id/nhs-number|<NHS number>` (anything, to a lenient provider). */
function nhsNumberParam(ctx: ProviderContext): string {
  if (!ctx.does('check the patient identifier')) return lenientIdentifier(ctx);
  const value = identifierParam(ctx, SYS.nhsNumber);
  const problem = nhsNumberProblem(value);
  if (problem) throw new GpcError(400, SPINE.INVALID_NHS_NUMBER, problem);
  return value;
}

export function findPatient(ctx: ProviderContext): SimResponse {
  const nhsNumber = nhsNumberParam(ctx);
  ignoreShapingParams(ctx);
  const { faults, practice, serviceRoot } = ctx;
  const person = faults.apply('provider.patient-found', registeredPerson(ctx.state, practice.ods, nhsNumber), {
    ods: practice.ods,
    nhsNumber,
  });
  const rendering = faults.apply('provider.patient-rendering', HONEST_PATIENT, undefined);
  const patients = person ? [patientResource(person, practice.ods, rendering)] : [];
  return { status: 200, body: searchset(serviceRoot, [...faults.apply('provider.patients', patients, undefined)]) };
}
