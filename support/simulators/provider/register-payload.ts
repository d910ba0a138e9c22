/**
 * What register patient refuses in the `registerPatient` Patient before it traces anyone on PDS: the rules the
 * 'Register a patient' page (Foundations, 'Payload Request Body') gives the consumer, and the
 * CareConnect-GPC-Patient-1 profile the parameter is bound to. Every refusal is 422 INVALID_RESOURCE
 * ('Error handling': "profile/business rule failure"). The page's own JSON example (a `family` array, a
 * `22/02/1982` birth date) is DSTU2 and breaks the STU3 profile: the profile wins here.
 */
import { EXT, SYS } from '../../spine/systems';
import type { ProviderDuty } from './duties';

type Json = Record<string, unknown>;

type Problem = (patient: Json) => string | undefined;

/** Rules by the duty they are part of: a lenient provider without the duty lets those defects through. */
interface PayloadRules {
  duty: ProviderDuty;
  problems: Problem[];
}

const list = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);

/** Base STU3 Patient's elements: anything else is not a Patient element at all. */
const PATIENT_ELEMENTS = new Set([
  'resourceType', 'id', 'meta', 'implicitRules', 'language', 'text', 'contained', 'extension', 'modifierExtension',
  'identifier', 'active', 'name', 'telecom', 'gender', 'birthDate', 'deceasedBoolean', 'deceasedDateTime', 'address',
  'maritalStatus', 'multipleBirthBoolean', 'multipleBirthInteger', 'photo', 'contact', 'animal', 'communication',
  'generalPractitioner', 'managingOrganization', 'link',
]); // prettier-ignore
/** Elements CareConnect-GPC-Patient-1 constrains to 0..0 (facts §9). */
const FORBIDDEN_ELEMENTS = ['photo', 'animal', 'communication'];
/** CareConnect-AdministrativeGender-1, a required binding. */
const GENDERS = new Set(['male', 'female', 'other', 'unknown']);
/** FHIR `date`: YYYY, YYYY-MM or YYYY-MM-DD. */
const FHIR_DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;

const withOldUse = (element: string) => (p: Json) =>
  list(p[element]).some((e) => e.use === 'old') ? `a ${element} with use "old"` : undefined;

/** The page's rules for the consumer ('Payload Request Body'). */
const PAGE_RULES: PayloadRules = {
  duty: 'check the registerPatient payload',
  problems: [
    (p) =>
      typeof p.birthDate === 'string' ? undefined : 'no birth date (the NHS number and birth date are the minimum)',
    (p) =>
      list(p.extension).some((e) => e.url === EXT.registrationDetails)
        ? 'a registrationDetails extension, which the consumer SHALL NOT populate'
        : undefined,
    withOldUse('telecom'),
    withOldUse('address'),
    (p) => {
      const numbers = list(p.identifier).filter((i) => i.system === SYS.nhsNumber).length;
      return numbers > 1 ? `${numbers} NHS number identifiers where a single one is needed` : undefined;
    },
  ],
};

/** CareConnect-GPC-Patient-1's constraints on what is sent (facts §9). */
const PROFILE_RULES: PayloadRules = {
  duty: 'check the registerPatient Patient against its profile',
  problems: [
    (p) => {
      const unknown = Object.keys(p).filter((k) => !PATIENT_ELEMENTS.has(k));
      return unknown.length ? `elements that are not Patient elements: ${unknown.join(', ')}` : undefined;
    },
    (p) => {
      const present = FORBIDDEN_ELEMENTS.filter((k) => k in p);
      return present.length ? `elements the profile forbids: ${present.join(', ')}` : undefined;
    },
    (p) =>
      p.gender === undefined || GENDERS.has(String(p.gender))
        ? undefined
        : `gender ${JSON.stringify(p.gender)} outside CareConnect-AdministrativeGender-1`,
    (p) =>
      p.birthDate === undefined || FHIR_DATE.test(String(p.birthDate))
        ? undefined
        : `birth date ${JSON.stringify(p.birthDate)} is not a FHIR date`,
    (p) => {
      const official = list(p.name).filter((n) => n.use === 'official');
      if (official.length !== 1) return `${official.length} official names where the profile needs exactly one`;
      return typeof official[0]!.family === 'string' && official[0]!.family
        ? undefined
        : 'an official name without a family name (a string)';
    },
    (p) => (list(p.telecom).some((t) => !t.system || !t.value) ? 'a telecom without its system or value' : undefined),
    (p) =>
      list(p.identifier).some(
        (i) => i.system === SYS.nhsNumber && !list(i.extension).some((e) => e.url === EXT.gpcVerification),
      )
        ? 'an NHS number without its nhsNumberVerificationStatus extension'
        : undefined,
    (p) =>
      list(p.extension).some(
        (e) => e.url === EXT.nhsCommunication && !list(e.extension).some((x) => x.url === 'language'),
      )
        ? 'an nhsCommunication extension without its language (1..1)'
        : undefined,
  ],
};

/** The first defect a duty the provider does finds in the Patient sent, if any. */
export function payloadProblem(patient: Json, does: (duty: ProviderDuty) => boolean): string | undefined {
  for (const { duty, problems } of [PAGE_RULES, PROFILE_RULES]) {
    if (!does(duty)) continue;
    for (const problem of problems) {
      const found = problem(patient);
      if (found) return found;
    }
  }
  return undefined;
}
