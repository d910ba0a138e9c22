/**
 * POST …/gpconnect/structured/Patient/$gpc.getstructuredrecord (facts §5.8): the patient's GP record as a
 * GPConnect-StructuredRecord-Bundle-1 `collection`, one List per requested area (with an emptyReason when
 * there is nothing to return), the resources the Lists point at, the Patient, the practice and the usual
 * GP. Parameters it does not know are answered with 200 plus one OperationOutcome warning each.
 */
import { AREA_LISTS, ENDED_ALLERGIES_LIST, type ClinicalArea } from '../../../gpconnect/structured-operation';
import { SYS } from '../../../spine/systems';
import { ukDate } from '../../../spine/uk-time';
import { PEOPLE, PRACTITIONERS, type Person } from '../../fixtures/people';
import type { SimResponse } from '../../http-kit';
import type { ProviderContext } from '../context';
import type { Faults } from '../../faults';
import { GpcError } from '../outcomes';
import { organizationResource, patientResource, practitionerResource } from '../resources';
import { readStructuredQuery, type PartValue, type StructuredQuery } from './parameters';
import { DISSENTING_NHS_NUMBERS, recordOf, type ClinicalRecord } from './record';
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

/** Why a person's record is not returned here (facts §5.8: all 404 PATIENT_NOT_FOUND but dissent). */
const NOT_RETURNED: Partial<Record<Person['kind'], string>> = {
  restricted: 'is a sensitive (restricted) patient',
  deceased: 'is deceased',
  superseded: 'has a superseded NHS number',
  invalidated: 'has an invalidated NHS number',
};

function recordHolder(ctx: ProviderContext, nhsNumber: string): Person {
  const person = PEOPLE.find((p) => p.nhsNumber === nhsNumber);
  if (!person) throw new GpcError(404, 'PATIENT_NOT_FOUND', `no patient with NHS number ${nhsNumber}`);
  const why =
    ctx.faults.has('provider-ars-returns-deceased') && person.kind === 'deceased'
      ? undefined
      : NOT_RETURNED[person.kind];
  if (why) throw new GpcError(404, 'PATIENT_NOT_FOUND', `the patient ${nhsNumber} ${why}`);
  if (person.gpOds !== ctx.practice.ods)
    throw new GpcError(404, 'PATIENT_NOT_FOUND', `${nhsNumber} is not a registered patient of ${ctx.practice.ods}`);
  if (DISSENTING_NHS_NUMBERS.has(nhsNumber) && !ctx.faults.has('provider-ars-ignores-dissent'))
    throw new GpcError(403, 'NO_PATIENT_CONSENT', `the patient ${nhsNumber} has dissented from sharing their record`);
  return person;
}

type Parts = Record<string, PartValue>;

/** What one area adds: its List(s) and the resources they point at. */
type AreaBuilder = (record: ClinicalRecord, parts: Parts, authors: Authors, now: Date, faults: Faults) => Resource[];

const AREA_BUILDERS: Partial<Record<ClinicalArea, AreaBuilder>> = {
  allergies: (record, parts, authors, now, faults) => {
    const active = record.allergies.filter((a) => !a.ended).map((a) => allergyResource(a, authors));
    const ended = record.allergies.filter((a) => a.ended).map((a) => allergyResource(a, authors));
    const withEnded = parts.includeResolvedAllergies === true || faults.has('provider-ars-resolved-always');
    const lists = [areaList(AREA_LISTS.allergies, authors.patient, active, now)];
    if (withEnded) lists.push(areaList(ENDED_ALLERGIES_LIST, authors.patient, ended, now));
    return [...lists, ...active, ...(withEnded ? ended : [])];
  },
  medication: (record, parts, authors, now, faults) => {
    const asked = faults.has('provider-ars-ignores-medication-date') ? undefined : parts.medicationSearchFromDate;
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
  problems: (record, parts, authors, now, faults) => {
    const status = faults.has('provider-ars-ignores-problem-status') ? undefined : parts.filterStatus;
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
  immunisations: (record, parts, authors, now, faults) => {
    const withNotGiven = parts.includeNotGiven === true || faults.has('provider-ars-not-given-always');
    const given = record.immunisations.filter((i) => !i.notGiven || withNotGiven);
    const resources = given.map((i) => immunisationResource(i, authors));
    return [areaList(AREA_LISTS.immunisations, authors.patient, resources, now), ...resources];
  },
};

/** 200 plus this entry when parameters were not recognised (facts §5.8). */
function unrecognisedWarning(names: readonly string[]): Resource {
  return {
    resourceType: 'OperationOutcome',
    id: 'unrecognised-parameters',
    meta: { profile: [`${SD}GPConnect-OperationOutcome-1`] },
    issue: names.map((name) => ({
      severity: 'warning',
      code: 'not-supported',
      details: {
        coding: [{ system: SYS.spineErrorStu3, code: 'NOT_IMPLEMENTED', display: 'Not implemented' }],
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
  const asked = new Map(query.areas);
  if (ctx.faults.has('provider-ars-unrequested-area') && !asked.has('immunisations')) asked.set('immunisations', {});
  const areas = [...asked].flatMap(([area, parts]) => {
    const build = AREA_BUILDERS[area];
    // Areas with no fixture data yet answer as a record with nothing recorded there.
    return build
      ? build(record, parts, authors, ctx.now, ctx.faults)
      : [areaList(AREA_LISTS[area], patient, [], ctx.now)];
  });
  const resources = once([
    patient,
    organization,
    practitioner,
    role,
    ...areas,
    ...(query.unrecognised.length ? [unrecognisedWarning(query.unrecognised)] : []),
  ]);
  for (const r of resources) spoil(r, ctx.faults);
  const versioned = ctx.faults.has('provider-ars-bundle-id');
  return {
    resourceType: 'Bundle',
    ...(versioned ? { id: 'structured-record-1' } : {}),
    meta: { ...(versioned ? { versionId: '1' } : {}), profile: [`${SD}GPConnect-StructuredRecord-Bundle-1`] },
    type: ctx.faults.has('provider-ars-searchset') ? 'searchset' : 'collection',
    entry: resources.map((resource) => ({ resource })),
  };
}

/** A real fixture number, not the requested one: what provider-ars-other-patient puts on the Patient. */
const OTHER_NHS_NUMBER = '9000000017';

/** The resource-level ARS faults: each makes one thing of the record wrong. */
function spoil(r: Resource, faults: Faults): void {
  if (r.resourceType === 'List' && faults.has('provider-ars-empty-no-reason')) delete r.emptyReason;
  if (r.resourceType === 'List' && faults.has('provider-ars-dangling-reference'))
    r.subject = { reference: 'Patient/not-in-this-bundle' };
  if (r.resourceType === 'Patient' && faults.has('provider-ars-other-patient'))
    r.identifier = (r.identifier as Record<string, unknown>[]).map((i) => ({ ...i, value: OTHER_NHS_NUMBER }));
}

/** The refusals two ARS fault modes give in the wrong words: the code a conformant provider would not use. */
function misworded(ctx: ProviderContext, err: GpcError): GpcError {
  if (ctx.faults.has('provider-ars-resource-as-parameter') && err.code === 'INVALID_RESOURCE')
    return new GpcError(422, 'INVALID_PARAMETER', err.message);
  if (ctx.faults.has('provider-ars-nhs-number-422') && err.code === 'INVALID_NHS_NUMBER')
    return new GpcError(422, 'INVALID_PARAMETER', err.message);
  return err;
}

export function getStructuredRecord(ctx: ProviderContext): SimResponse {
  try {
    const query = readStructuredQuery(ctx.req.body, {
      today: ukDate(ctx.now),
      lenient: ctx.faults.has('provider-ars-lenient-parameters'),
    });
    if (ctx.faults.has('provider-ars-no-unrecognised-warning')) query.unrecognised.length = 0;
    return { status: 200, body: structuredBundle(ctx, recordHolder(ctx, query.nhsNumber), query) };
  } catch (err) {
    throw err instanceof GpcError ? misworded(ctx, err) : err;
  }
}
