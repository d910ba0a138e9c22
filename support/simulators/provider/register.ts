/**
 * Register patient ('Interaction IDs', 'Error handling'): POST /Patient/$gpc.registerpatient with a Parameters whose
 * `registerPatient` parameter holds the Patient. The provider traces the NHS number on PDS — here its view of
 * the same fixtures the embedded PDS serves — and registers the person only when PDS has an ordinary record
 * with the demographics sent. The rules run in order, first refusal wins; a registration is kept in the
 * provider state, so find patient, reads and booking know the person from then on.
 */
import { nhsNumberProblem } from '../../spine/nhs-number';
import { EXT, PROFILE, SYS } from '../../spine/systems';
import { person, type Person } from '../fixtures/people';
import type { SimResponse } from '../http-kit';
import type { ProviderContext } from './context';
import { badRequest, GpcError, invalidParameter, invalidResource, type SpineCode } from './outcomes';
import { isPatientOf } from './patients';
import { HONEST_PATIENT, patientResource, searchset, type Resource } from './resources';
import type { ProviderDuty } from './duties';
import { payloadProblem } from './register-payload';
import { register } from './state';
import { SPINE } from '../../domain/spine-codes';

type Json = Record<string, unknown>;

interface Registration {
  nhsNumber: string;
  sent: Json;
  /** The PDS record behind the NHS number, if PDS has one. */
  pds?: Person;
}

/** What PDS's record must agree with (the 'Register a patient' cross-check): compared case-blind for names. */
const DEMOGRAPHICS: [string, (p: Json) => unknown][] = [
  ['family name', (p) => String((p.name as Json[] | undefined)?.[0]?.family ?? '').toLowerCase()],
  [
    'given name',
    (p) => String(((p.name as Json[] | undefined)?.[0]?.given as string[] | undefined)?.[0] ?? '').toLowerCase(),
  ],
  ['gender', (p) => p.gender],
  ['birth date', (p) => p.birthDate],
];

const pdsView = (p: Person): Json => ({
  name: [{ family: p.family, given: p.given }],
  gender: p.gender,
  birthDate: p.birthDate,
});

interface Rule {
  status: number;
  code: SpineCode;
  /** The duty the rule is part of: a lenient provider without it skips the rule. */
  duty: ProviderDuty;
  problem: (r: Registration, ctx: ProviderContext) => string | undefined;
}

/** PDS trace failures are all INVALID_PATIENT_DEMOGRAPHICS ('Error handling': "PDS trace failed (register)"). */
const RULES: Rule[] = [
  {
    status: 400,
    code: SPINE.INVALID_NHS_NUMBER,
    duty: 'check the NHS number to register',
    problem: (r) => nhsNumberProblem(r.nhsNumber),
  },
  {
    status: 400,
    code: SPINE.INVALID_PATIENT_DEMOGRAPHICS,
    duty: 'check the patient on PDS',
    problem: (r) => (r.pds ? undefined : `PDS has no record for ${r.nhsNumber}`),
  },
  {
    status: 400,
    code: SPINE.INVALID_PATIENT_DEMOGRAPHICS,
    duty: 'check the patient on PDS',
    problem: (r) => (r.pds && r.pds.kind !== 'normal' ? `PDS has ${r.nhsNumber} as a ${r.pds.kind} record` : undefined),
  },
  {
    status: 400,
    code: SPINE.INVALID_PATIENT_DEMOGRAPHICS,
    duty: 'check the patient on PDS',
    problem: (r) => {
      const differ = DEMOGRAPHICS.filter(([, read]) => r.pds && read(r.sent) !== read(pdsView(r.pds))).map(
        ([name]) => name,
      );
      return differ.length ? `the ${differ.join(', ')} sent differ from PDS` : undefined;
    },
  },
  {
    status: 409,
    code: SPINE.DUPLICATE_REJECTED,
    duty: 'refuse a duplicate registration',
    problem: (r, ctx) =>
      isPatientOf(ctx.state, ctx.practice.ods, r.nhsNumber)
        ? `${r.nhsNumber} is already a patient of ${ctx.practice.ods}`
        : undefined,
  },
];

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The Patient of the `registerPatient` parameter and its NHS number; a malformed request is refused here. */
function parseRequest(body: string): { sent: Json; nhsNumber: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (err) {
    throw badRequest(`the body is not valid JSON: ${(err as Error).message}`);
  }
  if (!isObject(parsed) || parsed.resourceType !== 'Parameters')
    throw invalidResource('the body is not a Parameters resource');
  const params = Array.isArray(parsed.parameter)
    ? parsed.parameter.filter((p) => isObject(p) && p.name === 'registerPatient')
    : [];
  if (params.length !== 1)
    throw invalidParameter(`exactly one registerPatient parameter is needed, got ${params.length}`);
  const sent = (params[0] as Json).resource;
  if (!isObject(sent) || sent.resourceType !== 'Patient')
    throw invalidParameter('registerPatient does not hold a Patient');
  const identifiers = Array.isArray(sent.identifier) ? (sent.identifier as Json[]) : [];
  const nhsNumber = identifiers.find((i) => i.system === SYS.nhsNumber)?.value;
  if (typeof nhsNumber !== 'string') throw invalidParameter(`the Patient has no identifier under ${SYS.nhsNumber}`);
  return { sent, nhsNumber };
}

/** With no PDS record (only when PDS goes unchecked) the Patient is the one sent, under its id. */
function registeredPatient(r: Registration, ods: string): Resource {
  if (r.pds) return patientResource(r.pds, ods, HONEST_PATIENT);
  return {
    ...r.sent,
    resourceType: 'Patient',
    id: `pat-${r.nhsNumber}`,
    meta: { versionId: '1', profile: [PROFILE.patient] },
  };
}

/**
 * The registration the answer's Patient carries ('Payload Response Body': the provider SHALL populate
 * registrationDetails, registrationType from CareConnect-RegistrationType-1): T, temporary, is what the
 * operation makes; a provider that files the person as a regular patient says R.
 */
function registrationDetails(temporary: boolean, now: Date): Json {
  return {
    url: EXT.registrationDetails,
    extension: [
      { url: 'registrationPeriod', valuePeriod: { start: now.toISOString() } },
      {
        url: 'registrationType',
        valueCodeableConcept: {
          coding: [
            temporary
              ? { system: SYS.registrationType, code: 'T', display: 'Temporary' }
              : { system: SYS.registrationType, code: 'R', display: 'Regular' },
          ],
        },
      },
    ],
  };
}

export function registerPatient(ctx: ProviderContext): SimResponse {
  const { sent, nhsNumber } = parseRequest(ctx.req.body);
  const defect = payloadProblem(sent, (duty) => ctx.does(duty));
  if (defect) throw invalidResource(`the registerPatient Patient has ${defect}`);
  const r: Registration = { nhsNumber, sent, pds: person(nhsNumber) };
  for (const rule of RULES) {
    if (!ctx.does(rule.duty)) continue;
    const problem = rule.problem(r, ctx);
    if (problem) throw new GpcError(rule.status, rule.code, problem);
  }
  if (ctx.does('keep the registration')) register(ctx.state, ctx.practice.ods, nhsNumber);
  const patient = registeredPatient(r, ctx.practice.ods);
  const details = registrationDetails(ctx.does('register as a temporary patient'), new Date());
  const registered = { ...patient, extension: [...((patient.extension as Json[] | undefined) ?? []), details] };
  return { status: 200, body: searchset(ctx.serviceRoot, [registered]) };
}
