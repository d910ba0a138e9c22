/**
 * What a careful consumer makes of the Patient PDS returns before it goes on (WE-1e, WE-1h, WE-1i, WE-1j): a deceased
 * patient or a GP registration that has ended is no patient to book for at that practice (WE-1i); the traced
 * number carries its verification status and the record a real date of birth (WE-1j). Each rule is a row: what
 * it reads, and why it fails, so the report says why the journey stopped.
 */
import { extensionsOf, identifiers, type Resource } from '../fhir/bundle';
import type { HttpResult } from '../spine/http';
import { EXT, SYS } from '../spine/systems';
import { check } from './checks';
import type { GpcWorld } from './world';

interface PatientRule {
  expected: string;
  /** Why the record fails the rule, or undefined when it holds. */
  problem: (patient: Resource, today: string) => string | undefined;
}

type GpIdentifier = { value?: string; period?: { start?: string; end?: string } };
const gpIdentifiers = (p: Resource): GpIdentifier[] =>
  (Array.isArray(p.generalPractitioner) ? (p.generalPractitioner as { identifier?: GpIdentifier }[]) : [])
    .map((g) => g.identifier)
    .filter((i): i is GpIdentifier => !!i);

const CURRENT_REGISTRATION: PatientRule[] = [
  {
    expected: 'a living patient (no deceasedDateTime): GP Connect is not for the deceased (facts §5.1)',
    problem: (p) =>
      typeof p.deceasedDateTime === 'string' || p.deceasedBoolean === true
        ? `PDS has the patient deceased (${String(p.deceasedDateTime ?? 'deceasedBoolean true')}); the journey stops here`
        : undefined,
  },
  {
    expected: 'a current GP registration (generalPractitioner identifier.period.end not in the past)',
    problem: (p, today) => {
      const ended = gpIdentifiers(p)
        .map((i) => ({ value: i.value, end: i.period?.end }))
        .find(
          (i): i is { value: typeof i.value; end: string } => typeof i.end === 'string' && i.end.slice(0, 10) < today,
        );
      return ended ? `the registration at ${ended.value} ended ${ended.end}; the journey stops here` : undefined;
    },
  },
];

const VERIFIED = '01';
const verificationCodes = (p: Resource) =>
  identifiers(p)
    .filter((i) => i.system === SYS.nhsNumber && i.value === p.id)
    .flatMap((i) => extensionsOf(i, EXT.ukCoreVerification))
    .flatMap((e) => (e.valueCodeableConcept as { coding?: { system?: string; code?: string }[] })?.coding ?? [])
    .filter((c) => c.system === SYS.ukCoreVerification)
    .map((c) => c.code);

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

const TRACED_RECORD: PatientRule[] = [
  {
    expected: `the traced NHS number's ${EXT.ukCoreVerification} with code ${VERIFIED} (number present and verified)`,
    problem: (p) => {
      const codes = verificationCodes(p);
      if (!codes.length) return 'no verification status on the NHS number identifier';
      return codes.includes(VERIFIED) ? undefined : `verification status ${JSON.stringify(codes)}`;
    },
  },
  {
    expected: 'a birthDate that is a date (YYYY-MM-DD) not in the future',
    problem: (p, today) =>
      typeof p.birthDate !== 'string' || !ISO_DATE.test(p.birthDate) || p.birthDate > today
        ? `birthDate ${JSON.stringify(p.birthDate)}`
        : undefined,
  },
];

function judge(w: GpcWorld, rules: PatientRule[], requirement: string, patient: Resource, result: HttpResult) {
  const today = new Date().toISOString().slice(0, 10);
  for (const rule of rules) {
    const problem = rule.problem(patient, today);
    check(w, !problem, { hop: 'pds', requirement, evidence: result, expected: rule.expected, actual: problem ?? '' });
  }
}

/** WE-1i: the patient may go on to GP Connect at the practice PDS names. */
export const currentRegistration = (w: GpcWorld, patient: Resource, result: HttpResult) =>
  judge(w, CURRENT_REGISTRATION, 'WE-1i', patient, result);

/** WE-1j: the traced number is verified and the record's date of birth is a date. */
export const tracedRecord = (w: GpcWorld, patient: Resource, result: HttpResult) =>
  judge(w, TRACED_RECORD, 'WE-1j', patient, result);
