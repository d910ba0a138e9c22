/** The PDS faults ('PDS Get patient details'): each spoils one thing about a trace's answer. */
import { EXT, SYS } from '../../spine/systems';
import type { FaultMode } from '../fault-points';
import { type SimResponse } from '../http-kit';
import { r4Outcome } from '../operation-outcomes';
import { SPINE } from '../../domain/spine-codes';

type Json = Record<string, unknown>;
type Identifier = { system?: string; value?: string; extension?: { url?: string }[] };

/** When the PDS sandbox's 9000000009 died, and when its GP registration ended (observed, probe P1). */
const SANDBOX_DEATH = '2010-10-22T00:00:00+00:00';
const ENDED_REGISTRATION = { start: '2020-01-01', end: '2021-12-31' };
/** Verification status 02: the number is present but was not traced (UK Core NHSNumberVerificationStatus). */
const UNTRACED = {
  system: SYS.ukCoreVerification,
  version: '1.0.0',
  code: '02',
  display: 'Number present but not traced',
};

const serviceUnavailable = (fault: string) =>
  r4Outcome(500, SPINE.SERVICE_UNAVAILABLE, 'Service unavailable', `fault mode ${fault}`, 'exception');
const identifiers = (patient: Json) => (patient.identifier ?? []) as Identifier[];
const withIdentifier = (patient: Json, change: (i: Identifier) => Identifier): Json => ({
  ...patient,
  identifier: identifiers(patient).map(change),
});
/** The patient with its NHS number identifier changed (the one under the NHS number system). */
const withNhsNumber = (patient: Json, change: (i: Identifier) => Identifier): Json =>
  withIdentifier(patient, (i) => (i.system === SYS.nhsNumber ? change(i) : i));
const gpIdentifier = (patient: Json) =>
  ((patient.generalPractitioner ?? []) as { identifier: Identifier }[]).map((gp) => gp.identifier);
/** The NHS number with its last digit moved on by one: the Modulus 11 check digit no longer fits. */
const wrongCheckDigit = (nhs: string) => nhs.slice(0, 9) + ((Number(nhs[9]) + 1) % 10);
const dropKey = (json: Json, key: string): Json => {
  const { [key]: _dropped, ...rest } = json;
  return rest;
};

export const PDS_FAULTS = [
  {
    id: 'pds-500',
    hop: 'pds',
    description: 'PDS answers 500 to every trace',
    breaks: ['WE-1a'],
    // Every trace that got past the request checks (the 400s) falls over, found or not.
    effects: { 'pds.trace': (): SimResponse => serviceUnavailable('pds-500') },
  },
  {
    id: 'pds-plain-json',
    hop: 'pds',
    description: 'PDS labels its body application/json instead of application/fhir+json',
    breaks: ['WE-1a'],
    effects: {
      'pds.trace': (answer) =>
        answer.status === 200
          ? { ...answer, headers: { ...answer.headers, 'Content-Type': 'application/json' } }
          : answer,
    },
  },
  {
    id: 'pds-returns-bundle',
    hop: 'pds',
    description: 'PDS returns a Bundle instead of a Patient',
    breaks: ['WE-1a'],
    effects: {
      'pds.trace': (answer) => {
        if (answer.status !== 200) return answer;
        const patient = answer.body as Json;
        const entry = [{ fullUrl: `Patient/${String(patient.id)}`, resource: patient }];
        return { ...answer, body: { resourceType: 'Bundle', type: 'searchset', total: 1, entry } };
      },
    },
  },
  {
    id: 'pds-wrong-identifier-system',
    hop: 'pds',
    description: 'PDS carries the NHS number under a legacy identifier system',
    breaks: ['WE-1b'],
    effects: {
      'pds.patient': (patient) =>
        withIdentifier(patient, (i) =>
          i.system === SYS.nhsNumber ? { ...i, system: 'http://fhir.nhs.net/Id/nhs-number' } : i,
        ),
    },
  },
  {
    id: 'pds-bad-check-digit',
    hop: 'pds',
    description: 'PDS returns an NHS number whose check digit is wrong',
    breaks: ['WE-1b'],
    effects: {
      'pds.patient': (patient) => ({
        ...withIdentifier(patient, (i) =>
          i.value === patient.id ? { ...i, value: wrongCheckDigit(String(i.value)) } : i,
        ),
        id: wrongCheckDigit(String(patient.id)),
      }),
    },
  },
  {
    id: 'pds-no-gp',
    hop: 'pds',
    description: 'PDS drops generalPractitioner',
    breaks: ['WE-1c'],
    effects: { 'pds.patient': (patient) => dropKey(patient, 'generalPractitioner') },
  },
  {
    id: 'pds-lowercase-ods',
    hop: 'pds',
    description: 'PDS returns the practice ODS code in lower case',
    breaks: ['WE-1c'],
    effects: {
      'pds.patient': (patient) => {
        const spoilt = structuredClone(patient);
        for (const identifier of gpIdentifier(spoilt)) identifier.value = identifier.value?.toLowerCase();
        return spoilt;
      },
    },
  },
  {
    id: 'pds-no-request-id-echo',
    hop: 'pds',
    description: 'PDS does not mirror X-Request-ID',
    breaks: ['WE-1d'],
    effects: { 'pds.mirrored-headers': (headers) => dropKey(headers, 'X-Request-ID') as Record<string, string> },
  },
  {
    id: 'pds-registered-restricted',
    hop: 'pds',
    description: 'PDS answers the registered patient as a restricted record, without generalPractitioner',
    breaks: ['WE-1c'],
    names: 'restricted record',
    effects: { 'pds.person': (p) => (p.kind === 'normal' ? { ...p, kind: 'restricted' } : p) },
  },
  {
    id: 'pds-registered-deceased',
    hop: 'pds',
    description: 'PDS answers every living patient with a deceasedDateTime (as the sandbox does for 9000000009)',
    breaks: ['WE-1i'],
    names: 'deceased',
    effects: {
      'pds.person': (p) => (p.kind === 'normal' && !p.deceasedDateTime ? { ...p, deceasedDateTime: SANDBOX_DEATH } : p),
    },
  },
  {
    id: 'pds-gp-registration-ended',
    hop: 'pds',
    description: 'PDS answers a GP registration whose period ended in 2021 (as the sandbox does for 9000000009)',
    breaks: ['WE-1i'],
    names: 'ended 2021-12-31',
    effects: { 'pds.person': (p) => ({ ...p, gpPeriod: ENDED_REGISTRATION }) },
  },
  {
    id: 'pds-no-verification-status',
    hop: 'pds',
    description: 'PDS drops the verification status extension from the NHS number',
    breaks: ['WE-1j'],
    effects: { 'pds.patient': (patient) => withNhsNumber(patient, (i) => ({ ...i, extension: [] })) },
  },
  {
    id: 'pds-unverified-number',
    hop: 'pds',
    description: 'PDS answers the NHS number with verification status 02 (present but not traced)',
    breaks: ['WE-1j'],
    effects: {
      'pds.patient': (patient) =>
        withNhsNumber(patient, (i) => ({
          ...i,
          extension: (i.extension ?? []).map((e) =>
            e.url === EXT.ukCoreVerification ? { ...e, valueCodeableConcept: { coding: [UNTRACED] } } : e,
          ),
        })),
    },
  },
  {
    id: 'pds-future-birth-date',
    hop: 'pds',
    description: 'PDS answers a date of birth in the future',
    breaks: ['WE-1j'],
    effects: { 'pds.patient': (patient) => ({ ...patient, birthDate: '2999-01-01' }) },
  },
] as const satisfies readonly FaultMode[];

/** The PDS faults of the worked example in depth (support/requirements-depth.ts). */
export const PDS_DEPTH_FAULTS = [
  {
    id: 'pds-restricted-unflagged',
    hop: 'pds',
    description: 'PDS answers a restricted record as unrestricted, with its generalPractitioner',
    breaks: ['WE-1e'],
    effects: { 'pds.person': (p) => (p.kind === 'restricted' ? { ...p, kind: 'normal' } : p) },
  },
  {
    id: 'pds-superseded-old-id',
    hop: 'pds',
    description: 'PDS answers a superseded number with the surviving record under the old id',
    breaks: ['WE-1f'],
    effects: { 'pds.patient': (patient, { requested }) => ({ ...patient, id: requested }) },
  },
  {
    id: 'pds-errors-as-500',
    hop: 'pds',
    description: `PDS answers every refusal with 500 ${SPINE.SERVICE_UNAVAILABLE}`,
    breaks: ['WE-1g'],
    effects: { 'pds.answer': (answer) => (answer.status >= 400 ? serviceUnavailable('pds-errors-as-500') : answer) },
  },
  {
    id: 'pds-drops-deceased',
    hop: 'pds',
    description: 'PDS leaves deceasedDateTime out',
    breaks: ['WE-1h'],
    effects: { 'pds.patient': (patient) => dropKey(patient, 'deceasedDateTime') },
  },
] as const satisfies readonly FaultMode[];
