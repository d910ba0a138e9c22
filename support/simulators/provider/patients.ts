/**
 * Find patient (facts §5.5) and the patient lookups booking needs. A practice knows a person only when the
 * person is an ordinary (not restricted, deceased, superseded or invalidated) patient registered there, on
 * PDS or by register patient since.
 */
import { nhsNumberProblem } from '../../spine/nhs-number';
import { SYS } from '../../spine/systems';
import { PEOPLE, type Person } from '../fixtures/people';
import type { SimResponse } from '../http-kit';
import type { ProviderContext } from './context';
import { identifierParam, lenientIdentifier } from './identifier-param';
import { GpcError } from './outcomes';
import { nhsNumberOfPatientId, patientId, patientResource, searchset } from './resources';
import { isRegisteredByOperation, type ProviderState } from './state';

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

/** Fault provider-patient-finds-everyone: restricted and deceased people are returned too. */
function anyPersonAt(ods: string, nhsNumber: string): Person | undefined {
  return PEOPLE.find((p) => p.nhsNumber === nhsNumber && p.gpOds === ods);
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

/** `identifier=https://fhir.nhs.uk/Id/nhs-number|<NHS number>` (fault provider-patient-lenient-identifier: anything). */
function nhsNumberParam(ctx: ProviderContext): string {
  if (ctx.faults.has('provider-patient-lenient-identifier')) return lenientIdentifier(ctx);
  const value = identifierParam(ctx, SYS.nhsNumber);
  const problem = nhsNumberProblem(value);
  if (problem) throw new GpcError(400, 'INVALID_NHS_NUMBER', problem);
  return value;
}

export function findPatient(ctx: ProviderContext): SimResponse {
  const nhsNumber = nhsNumberParam(ctx);
  const { faults, practice, serviceRoot } = ctx;
  const person = faults.has('provider-patient-search-empty')
    ? undefined
    : faults.has('provider-patient-finds-everyone')
      ? anyPersonAt(practice.ods, nhsNumber)
      : registeredPerson(ctx.state, practice.ods, nhsNumber);
  const rendering = {
    legacySystem: faults.has('provider-patient-wrong-system'),
    noVerification: faults.has('provider-patient-no-verification'),
    nameUse: faults.has('provider-patient-no-official-name') ? ('usual' as const) : ('official' as const),
  };
  const patients = person ? [patientResource(person, practice.ods, rendering)] : [];
  // Fault provider-patient-wrong-birthdate: the practice's record disagrees with PDS by a day.
  if (faults.has('provider-patient-wrong-birthdate'))
    for (const p of patients)
      p.birthDate = String(p.birthDate).replace(/\d\d$/, (d) => String((Number(d) % 28) + 1).padStart(2, '0'));
  return { status: 200, body: searchset(serviceRoot, patients) };
}
