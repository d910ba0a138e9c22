/**
 * Find patient (facts §5.5) and the patient lookups booking needs. A practice knows a person only when the
 * person is an ordinary (not restricted, deceased, superseded or invalidated) patient registered there.
 */
import { nhsNumberProblem } from '../../spine/nhs-number';
import { SYS } from '../../spine/systems';
import { PEOPLE, type Person } from '../fixtures/people';
import type { SimResponse } from '../http-kit';
import type { ProviderContext } from './context';
import { badRequest, GpcError, invalidParameter } from './outcomes';
import { nhsNumberOfPatientId, patientId, patientResource, searchset } from './resources';

/** The person behind an NHS number, when this practice may return them. */
function registeredPerson(ods: string, nhsNumber: string): Person | undefined {
  return PEOPLE.find((p) => p.nhsNumber === nhsNumber && p.kind === 'normal' && p.gpOds === ods);
}

/** Fault provider-patient-finds-everyone: restricted and deceased people are returned too. */
function anyPersonAt(ods: string, nhsNumber: string): Person | undefined {
  return PEOPLE.find((p) => p.nhsNumber === nhsNumber && p.gpOds === ods);
}

/** The person behind a Patient logical id (`pat-<nhs>`) at this practice, as booking resolves `Patient/{id}`. */
export function personByPatientId(ods: string, id: string): Person | undefined {
  const nhsNumber = nhsNumberOfPatientId(id);
  return nhsNumber === undefined ? undefined : registeredPerson(ods, nhsNumber);
}

/** Another patient's logical id: what fault provider-book-wrong-patient names instead of the booked one. */
export function otherPatientId(id: string): string {
  const other = PEOPLE.find((p) => p.kind === 'normal' && patientId(p.nhsNumber) !== id)!;
  return patientId(other.nhsNumber);
}

/** Fault provider-patient-lenient-identifier: any spelling, any count, any system; the last value wins. */
function lenientNhsNumber(ctx: ProviderContext): string {
  const values = [...ctx.req.query.entries()].filter(([k]) => k.toLowerCase() === 'identifier').map(([, v]) => v);
  return values.pop()?.split('|').pop() ?? '';
}

/** `identifier=system|value`, exactly once and spelt in lower case (PT: `Identifier=` is a 400). */
function nhsNumberParam(ctx: ProviderContext): string {
  if (ctx.faults.has('provider-patient-lenient-identifier')) return lenientNhsNumber(ctx);
  const values = ctx.req.query.getAll('identifier');
  if (values.length !== 1) throw badRequest(`identifier must be given exactly once, got ${values.length}`);
  const bar = values[0].indexOf('|');
  const system = bar < 0 ? '' : values[0].slice(0, bar);
  const value = bar < 0 ? values[0] : values[0].slice(bar + 1);
  if (!system.trim()) throw invalidParameter(`identifier ${values[0]} has no system (expected ${SYS.nhsNumber}|<NHS number>)`);
  if (!value) throw invalidParameter(`identifier ${values[0]} has no value`);
  if (system !== SYS.nhsNumber) throw new GpcError(400, 'INVALID_IDENTIFIER_SYSTEM', `identifier system ${system} is not ${SYS.nhsNumber}`);
  const problem = nhsNumberProblem(value);
  if (problem) throw new GpcError(400, 'INVALID_NHS_NUMBER', problem);
  return value;
}

export function findPatient(ctx: ProviderContext): SimResponse {
  const nhsNumber = nhsNumberParam(ctx);
  const { faults, practice, serviceRoot } = ctx;
  const person = faults.has('provider-patient-search-empty') ? undefined : faults.has('provider-patient-finds-everyone') ? anyPersonAt(practice.ods, nhsNumber) : registeredPerson(practice.ods, nhsNumber);
  const rendering = {
    legacySystem: faults.has('provider-patient-wrong-system'),
    nameUse: faults.has('provider-patient-no-official-name') ? ('usual' as const) : ('official' as const),
  };
  const patients = person ? [patientResource(person, practice.ods, rendering)] : [];
  // Fault provider-patient-wrong-birthdate: the practice's record disagrees with PDS by a day.
  if (faults.has('provider-patient-wrong-birthdate')) for (const p of patients) p.birthDate = String(p.birthDate).replace(/\d\d$/, (d) => String((Number(d) % 28) + 1).padStart(2, '0'));
  return { status: 200, body: searchset(serviceRoot, patients) };
}
