/**
 * POST …/gpconnect/structured/Patient/$gpc.getstructuredrecord ('Retrieve a patient record'): the patient's GP record as a
 * GPConnect-StructuredRecord-Bundle-1 `collection`, one List per requested area (with an emptyReason when
 * there is nothing to return), the resources the Lists point at, the Patient, the practice and the usual
 * GP. Parameters it does not know are answered with 200 plus one OperationOutcome warning each.
 */
import { SPINE } from '../../../domain/spine-codes';
import { AREA_LISTS, ENDED_ALLERGIES_LIST, type ClinicalArea } from '../../../gpconnect/structured-operation';
import { SYS } from '../../../spine/systems';
import { ukDate } from '../../../spine/uk-time';
import { PEOPLE, type Person } from '../../fixtures/people';
import { PRACTITIONERS } from '../../fixtures/clinicians-and-slots';
import type { SimResponse } from '../../http-kit';
import type { ProviderContext } from '../context';
import { GpcError } from '../outcomes';
import { organizationResource, patientResource, practitionerResource } from '../resources';
import { MORE_AREA_BUILDERS } from './areas-more';
import { readStructuredQuery, type PartValue, type StructuredQuery } from './parameters';
import { DISSENTING_NHS_NUMBERS, WITHHELD_NHS_NUMBERS, recordOf, type ClinicalRecord } from './record';
import {
  allergyResource,
  areaList,
  immunisationResource,
  medicationRequests,
  medicationResource,
  medicationStatementResource,
  problemResource,
  ref,
  type Authors,
  type Resource,
} from './resources';

const SD = 'https://fhir.nhs.uk/STU3/StructureDefinition/';

/** Why a person's record is not returned here ('Retrieve a patient record': all 404 PATIENT_NOT_FOUND but dissent). */
const NOT_RETURNED: Partial<Record<Person['kind'], string>> = {
  restricted: 'is a sensitive (restricted) patient',
  deceased: 'is deceased',
  superseded: 'has a superseded NHS number',
  invalidated: 'has an invalidated NHS number',
};

const WITHHELD_WHY = {
  inactive: 'not an active patient of this practice',
  unverified: 'held with an unverified NHS number',
} as const;

function recordHolder(ctx: ProviderContext, nhsNumber: string): Person {
  if ('structuredDisabled' in ctx.practice && ctx.does('refuse where the practice has switched structured off'))
    throw new GpcError(403, SPINE['ACCESS DENIED'], `${ctx.practice.ods} has Access Record Structured switched off`);
  const person = PEOPLE.find((p) => p.nhsNumber === nhsNumber);
  if (!person) throw new GpcError(404, SPINE.PATIENT_NOT_FOUND, `no patient with NHS number ${nhsNumber}`);
  const why =
    person.kind === 'deceased' && !ctx.does('refuse a deceased patient') ? undefined : NOT_RETURNED[person.kind];
  if (why) throw new GpcError(404, SPINE.PATIENT_NOT_FOUND, `the patient ${nhsNumber} ${why}`);
  // Not a regular/GMS patient here: their registered practice is somewhere else ('Retrieve a patient record').
  if (person.gpOds !== ctx.practice.ods && ctx.does('refuse a patient registered elsewhere'))
    throw new GpcError(404, SPINE.PATIENT_NOT_FOUND, `${nhsNumber} is not a registered patient of ${ctx.practice.ods}`);
  const withheld = WITHHELD_NHS_NUMBERS[nhsNumber];
  if (withheld && ctx.does(`refuse an ${withheld} patient`))
    throw new GpcError(404, SPINE.PATIENT_NOT_FOUND, `the patient ${nhsNumber} is ${WITHHELD_WHY[withheld]}`);
  if (DISSENTING_NHS_NUMBERS.has(nhsNumber) && ctx.does('refuse a dissenting patient'))
    throw new GpcError(
      403,
      SPINE.NO_PATIENT_CONSENT,
      `the patient ${nhsNumber} has dissented from sharing their record`,
    );
  return person;
}

type Parts = Record<string, PartValue>;
type Does = ProviderContext['does'];

/** What one area adds: its List(s) and the resources they point at. */
type AreaBuilder = (record: ClinicalRecord, parts: Parts, authors: Authors, now: Date, does: Does) => Resource[];

const AREA_BUILDERS: Partial<Record<ClinicalArea, AreaBuilder>> = {
  allergies: (record, parts, authors, now, does) => {
    const active = record.allergies.filter((a) => !a.ended).map((a) => allergyResource(a, authors));
    const ended = record.allergies.filter((a) => a.ended).map((a) => allergyResource(a, authors));
    const withEnded = parts.includeResolvedAllergies === true || !does('apply includeResolvedAllergies');
    const lists = [areaList(AREA_LISTS.allergies, authors.patient, active, now)];
    if (withEnded) lists.push(areaList(ENDED_ALLERGIES_LIST, authors.patient, ended, now));
    return [...lists, ...active, ...(withEnded ? ended : [])];
  },
  medication: (record, parts, authors, now, does) => {
    const asked = does('apply medicationSearchFromDate') ? parts.medicationSearchFromDate : undefined;
    const from = typeof asked === 'string' ? asked : '';
    const withIssues = parts.includePrescriptionIssues !== false;
    const meds = record.medications.filter((m) => (m.end ?? '9999-12-31') >= from);
    const statements = meds.map((m) => medicationStatementResource(m, authors));
    return [
      areaList(AREA_LISTS.medication, authors.patient, statements, now),
      ...statements,
      ...meds.flatMap((m) => [medicationResource(m), ...medicationRequests(m, authors, withIssues)]),
    ];
  },
  problems: (record, parts, authors, now, does) => {
    const status = does('apply filterStatus') ? parts.filterStatus : undefined;
    const problems = record.problems.filter((p) => status === undefined || p.status === status);
    const conditions = problems.map((p) => problemResource(p, authors));
    // What a problem is about travels with it, so its references resolve in the Bundle.
    const related = record.immunisations.filter((i) => problems.some((p) => p.relatedImmunisations.includes(i.id)));
    return [
      areaList(AREA_LISTS.problems, authors.patient, conditions, now),
      ...conditions,
      ...related.map((i) => immunisationResource(i, authors)),
    ];
  },
  immunisations: (record, parts, authors, now, does) => {
    const withNotGiven = parts.includeNotGiven === true || !does('apply includeNotGiven');
    const given = record.immunisations.filter((i) => !i.notGiven || withNotGiven);
    const resources = given.map((i) => immunisationResource(i, authors));
    return [areaList(AREA_LISTS.immunisations, authors.patient, resources, now), ...resources];
  },
};

/** 200 plus this entry when parameters were not recognised ('Retrieve a patient record'). */
function unrecognisedWarning(names: readonly string[]): Resource {
  return {
    resourceType: 'OperationOutcome',
    id: 'unrecognised-parameters',
    meta: { profile: [`${SD}GPConnect-OperationOutcome-1`] },
    issue: names.map((name) => ({
      severity: 'warning',
      code: 'not-supported',
      details: {
        coding: [{ system: SYS.spineErrorStu3, code: SPINE.NOT_IMPLEMENTED, display: 'Not implemented' }],
        text: `${name} is an unrecognised parameter`,
      },
      diagnostics: name,
    })),
  };
}

/** Each resource once: a medication both a problem and the medication area point at is one entry. */
function once(resources: Resource[]): Resource[] {
  const seen = new Map<string, Resource>();
  for (const r of resources) if (!seen.has(`${r.resourceType}/${r.id}`)) seen.set(`${r.resourceType}/${r.id}`, r);
  return [...seen.values()];
}

export function structuredBundle(ctx: ProviderContext, person: Person, query: StructuredQuery) {
  const gp = PRACTITIONERS.find((p) => p.ods === ctx.practice.ods)!;
  const patient = {
    ...patientResource(person, ctx.practice.ods, { legacySystem: false, noVerification: false, nameUse: 'official' }),
    generalPractitioner: [{ reference: `Practitioner/${gp.id}` }],
  };
  const authors: Authors = { patient, gp };
  const practitioner = practitionerResource(gp);
  const organization = organizationResource(ctx.practice);
  const role: Resource = {
    resourceType: 'PractitionerRole',
    id: `${gp.id}-role`,
    meta: { profile: [`${SD}CareConnect-GPC-PractitionerRole-1`] },
    practitioner: ref(practitioner),
    organization: ref(organization),
    code: [{ coding: [{ system: SYS.sdsJobRole, code: gp.role.code, display: gp.role.display }] }],
  };
  const record = recordOf(person.nhsNumber);
  const asked = ctx.faults.apply('provider.structured-areas', new Map(query.areas), undefined);
  const areas = [...asked].flatMap(([area, parts]) => {
    const build = AREA_BUILDERS[area];
    const more = MORE_AREA_BUILDERS[area];
    if (build) return build(record, parts, authors, ctx.now, ctx.does);
    return more
      ? more(person.nhsNumber, parts, authors, ctx.now, ctx.does)
      : [areaList(AREA_LISTS[area], patient, [], ctx.now)];
  });
  const honest = once([
    patient,
    organization,
    practitioner,
    role,
    ...areas,
    ...(query.unrecognised.length ? [unrecognisedWarning(query.unrecognised)] : []),
  ]);
  const resources = ctx.faults.apply('provider.structured-resources', honest, undefined);
  const bundle = {
    resourceType: 'Bundle',
    meta: { profile: [`${SD}GPConnect-StructuredRecord-Bundle-1`] },
    type: 'collection',
    entry: resources.map((resource) => ({ resource })),
  };
  return ctx.faults.apply('provider.structured-bundle', bundle, undefined);
}

/** The answer to a read query: the holder's record, or the refusal (through the refusal fault point). */
export function getRecordFor(ctx: ProviderContext, query: StructuredQuery): SimResponse {
  try {
    if (!ctx.does('warn of unrecognised parameters')) query.unrecognised.length = 0;
    return { status: 200, body: structuredBundle(ctx, recordHolder(ctx, query.nhsNumber), query) };
  } catch (err) {
    throw err instanceof GpcError ? ctx.faults.apply('provider.structured-refusal', err, undefined) : err;
  }
}

export function getStructuredRecord(ctx: ProviderContext): SimResponse {
  let query: StructuredQuery;
  try {
    query = readStructuredQuery(ctx.req.body, {
      today: ukDate(ctx.now),
      lenient: !ctx.does('check structured parameter values'),
    });
  } catch (err) {
    throw err instanceof GpcError ? ctx.faults.apply('provider.structured-refusal', err, undefined) : err;
  }
  return getRecordFor(ctx, query);
}
