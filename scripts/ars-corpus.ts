/**
 * Writes the Access Record Structured part of the wrong-instance corpus (test/fixtures/invalid/ars-*.json):
 * each case is one resource of the embedded provider's valid structured record (or a small structured
 * Bundle) with exactly one thing made wrong, and the issue the 1.5.0 profile set must raise for it. The
 * table is the source; the script refuses to write a case the validator does not reject as declared, so a
 * committed case is one that was seen failing for its reason.
 *
 *   npx tsx scripts/ars-corpus.ts
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { structuredRecordParameters } from '../support/gpconnect/structured-operation';
import { validate, validateExchangeBody } from '../support/fhir/validator';
import { PEOPLE } from '../support/simulators/fixtures/people';
import { PRACTICES } from '../support/simulators/fixtures/estate';
import { Faults } from '../support/simulators/faults';
import { dutiesOf } from '../support/simulators/provider/context';
import { structuredBundle } from '../support/simulators/provider/structured';
import { readStructuredQuery } from '../support/simulators/provider/structured/parameters';

type Json = Record<string, any>;
const SD = 'https://fhir.nhs.uk/STU3/StructureDefinition/';
const OUT = resolve(__dirname, '..', 'test', 'fixtures', 'invalid');

/** The valid record every case starts from, on a fixed day so the corpus does not change with the calendar. */
export function validRecord(): Json {
  const now = new Date('2025-06-02T09:00:00Z');
  const body = structuredRecordParameters('9000000084', [
    { area: 'allergies', parts: { includeResolvedAllergies: true } },
    { area: 'medication' },
    { area: 'problems' },
    { area: 'immunisations', parts: { includeNotGiven: true } },
    { area: 'consultations' },
    { area: 'investigations' },
    { area: 'referrals' },
    { area: 'diary' },
    { area: 'uncategorised' },
  ]);
  const query = readStructuredQuery(JSON.stringify(body), { today: '2025-06-02' });
  const person = PEOPLE.find((p) => p.nhsNumber === '9000000084')!;
  const faults = new Faults();
  // The record builder asks which duties it performs: a conformant provider performs them all.
  const ctx = { practice: PRACTICES[0], now, faults, does: dutiesOf(faults) };
  return structuredBundle(ctx as never, person, query) as Json;
}

export interface Case {
  name: string;
  description: string;
  /** The resource to break: by id, or the Bundle itself. */
  from: string;
  breakIt: (r: Json) => void;
  rule: string;
  location: string;
}

export const del = (key: string) => (r: Json) => delete r[key];
export const set = (key: string, value: unknown) => (r: Json) => (r[key] = value);
const dropExtension = (url: string) => (r: Json) =>
  (r.extension = r.extension.filter((e: Json) => !e.url.endsWith(url)));

const CASES: Case[] = [
  // The dated areas (CareConnect-GPC-Encounter-1, -DiagnosticReport-1, -Specimen-1, -Observation-1,
  // -ReferralRequest-1, -ProcedureRequest-1 in the 1.5.0 set)
  {
    name: 'encounter-no-period-start',
    description: 'period.start is 1..1',
    from: 'consultation-2022',
    breakIt: set('period', { end: '2022-04-12' }),
    rule: 'cardinality',
    location: 'Encounter.period.start',
  },
  {
    name: 'encounter-no-participant',
    description: 'participant is 1..*',
    from: 'consultation-2022',
    breakIt: del('participant'),
    rule: 'cardinality',
    location: 'Encounter.participant',
  },
  {
    name: 'report-no-issued',
    description: 'issued is 1..1',
    from: 'report-hba1c-2023',
    breakIt: del('issued'),
    rule: 'cardinality',
    location: 'DiagnosticReport.issued',
  },
  {
    name: 'specimen-no-subject',
    description: 'subject is 1..1',
    from: 'report-hba1c-2023-specimen',
    breakIt: del('subject'),
    rule: 'cardinality',
    location: 'Specimen.subject',
  },
  {
    name: 'observation-no-issued',
    description: 'issued is 1..1',
    from: 'obs-weight-2013',
    breakIt: del('issued'),
    rule: 'cardinality',
    location: 'Observation.issued',
  },
  {
    name: 'referral-status-active',
    description: 'status is fixed to unknown',
    from: 'referral-cardio-2023',
    breakIt: set('status', 'active'),
    rule: 'fixed',
    location: 'ReferralRequest.status',
  },
  {
    name: 'referral-requester-no-agent',
    description: 'requester.agent is 1..1',
    from: 'referral-cardio-2023',
    breakIt: set('requester', { onBehalfOf: { reference: 'Organization/x' } }),
    rule: 'cardinality',
    location: 'ReferralRequest.requester.agent',
  },
  {
    name: 'diary-status-completed',
    description: 'status is fixed to active',
    from: 'diary-bp-recall',
    breakIt: set('status', 'completed'),
    rule: 'fixed',
    location: 'ProcedureRequest.status',
  },
  // AllergyIntolerance (CareConnect-GPC-AllergyIntolerance-1 1.7.0)
  {
    name: 'allergy-no-identifier',
    description: 'identifier is 1..*',
    from: 'allergy-penicillin',
    breakIt: del('identifier'),
    rule: 'cardinality',
    location: 'AllergyIntolerance.identifier',
  },
  {
    name: 'allergy-bad-clinical-status',
    description: 'clinicalStatus is bound (required) to allergy-clinical-status',
    from: 'allergy-penicillin',
    breakIt: set('clinicalStatus', 'cured'),
    rule: 'binding',
    location: 'AllergyIntolerance.clinicalStatus',
  },
  {
    name: 'allergy-confirmed',
    description: 'verificationStatus is fixed to unconfirmed in the 1.5.0 profile',
    from: 'allergy-penicillin',
    breakIt: set('verificationStatus', 'confirmed'),
    rule: 'fixed',
    location: 'AllergyIntolerance.verificationStatus',
  },
  {
    name: 'allergy-no-asserted-date',
    description: 'assertedDate is 1..1',
    from: 'allergy-penicillin',
    breakIt: del('assertedDate'),
    rule: 'cardinality',
    location: 'AllergyIntolerance.assertedDate',
  },
  {
    name: 'allergy-no-recorder',
    description: 'recorder is 1..1',
    from: 'allergy-penicillin',
    breakIt: del('recorder'),
    rule: 'cardinality',
    location: 'AllergyIntolerance.recorder',
  },
  {
    name: 'allergy-bad-category',
    description: 'category is bound (required) to allergy-intolerance-category',
    from: 'allergy-penicillin',
    breakIt: set('category', ['drug']),
    rule: 'binding',
    location: 'AllergyIntolerance.category[0]',
  },
  {
    name: 'allergy-no-code',
    description: 'code is 1..1',
    from: 'allergy-penicillin',
    breakIt: del('code'),
    rule: 'cardinality',
    location: 'AllergyIntolerance.code',
  },
  {
    name: 'allergy-reaction-no-manifestation',
    description: 'reaction.manifestation is 1..*',
    from: 'allergy-penicillin',
    breakIt: (r) => (r.reaction = [{ description: 'rash' }]),
    rule: 'cardinality',
    location: 'AllergyIntolerance.reaction[0].manifestation',
  },
  {
    name: 'allergy-end-no-reason',
    description: 'the AllergyIntoleranceEnd extension needs reasonEnded',
    from: 'allergy-aspirin-ended',
    breakIt: (r) => (r.extension[0].extension = r.extension[0].extension.slice(0, 1)),
    rule: 'slice',
    location: 'AllergyIntolerance.extension[0].extension',
  },
  // MedicationStatement (CareConnect-GPC-MedicationStatement-1 1.7.0)
  {
    name: 'medstatement-no-prescribing-agency',
    description: 'the prescribingAgency extension is 1..1',
    from: 'med-amlodipine',
    breakIt: dropExtension('PrescribingAgency-1'),
    rule: 'slice',
    location: 'MedicationStatement.extension',
  },
  {
    name: 'medstatement-bad-status',
    description: 'status is bound (required) to medication-statement-status',
    from: 'med-amlodipine',
    breakIt: set('status', 'taken'),
    rule: 'binding',
    location: 'MedicationStatement.status',
  },
  {
    name: 'medstatement-bad-taken',
    description: 'taken is bound (required) to medication-statement-taken',
    from: 'med-amlodipine',
    breakIt: set('taken', 'maybe'),
    rule: 'binding',
    location: 'MedicationStatement.taken',
  },
  {
    name: 'medstatement-no-dosage',
    description: 'dosage is 1..*',
    from: 'med-amlodipine',
    breakIt: del('dosage'),
    rule: 'cardinality',
    location: 'MedicationStatement.dosage',
  },
  {
    name: 'medstatement-no-based-on',
    description: 'basedOn (the authorisation) is 1..*',
    from: 'med-amlodipine',
    breakIt: del('basedOn'),
    rule: 'cardinality',
    location: 'MedicationStatement.basedOn',
  },
  {
    name: 'medstatement-no-date-asserted',
    description: 'dateAsserted is 1..1',
    from: 'med-amlodipine',
    breakIt: del('dateAsserted'),
    rule: 'cardinality',
    location: 'MedicationStatement.dateAsserted',
  },
  // MedicationRequest (CareConnect-GPC-MedicationRequest-1 1.6.0)
  {
    name: 'medrequest-bad-intent',
    description: 'intent is bound (required) to medication-request-intent',
    from: 'med-amlodipine-plan',
    breakIt: set('intent', 'wish'),
    rule: 'binding',
    location: 'MedicationRequest.intent',
  },
  {
    name: 'medrequest-no-authored-on',
    description: 'authoredOn is 1..1',
    from: 'med-amlodipine-plan',
    breakIt: del('authoredOn'),
    rule: 'cardinality',
    location: 'MedicationRequest.authoredOn',
  },
  {
    name: 'medrequest-no-dispense-request',
    description: 'dispenseRequest is 1..1',
    from: 'med-amlodipine-plan',
    breakIt: del('dispenseRequest'),
    rule: 'cardinality',
    location: 'MedicationRequest.dispenseRequest',
  },
  {
    name: 'medrequest-no-recorder',
    description: 'recorder is 1..1',
    from: 'med-amlodipine-plan',
    breakIt: del('recorder'),
    rule: 'cardinality',
    location: 'MedicationRequest.recorder',
  },
  {
    name: 'medrequest-bad-status',
    description: 'status is bound (required) to medication-request-status',
    from: 'med-amlodipine-plan',
    breakIt: set('status', 'done'),
    rule: 'binding',
    location: 'MedicationRequest.status',
  },
  // Medication (CareConnect-GPC-Medication-1 1.2.0)
  {
    name: 'medication-no-code',
    description: 'code is 1..1',
    from: 'med-amlodipine-medication',
    breakIt: del('code'),
    rule: 'cardinality',
    location: 'Medication.code',
  },
  // Condition (CareConnect-GPC-ProblemHeader-Condition-1 1.7.0)
  {
    name: 'problem-no-significance',
    description: 'the problemSignificance extension is 1..1',
    from: 'problem-asthma',
    breakIt: dropExtension('ProblemSignificance-1'),
    rule: 'slice',
    location: 'Condition.extension',
  },
  {
    name: 'problem-bad-clinical-status',
    description: 'clinicalStatus is bound (required) to condition-clinical',
    from: 'problem-asthma',
    breakIt: set('clinicalStatus', 'gone'),
    rule: 'binding',
    location: 'Condition.clinicalStatus',
  },
  {
    name: 'problem-no-asserter',
    description: 'asserter is 1..1',
    from: 'problem-asthma',
    breakIt: del('asserter'),
    rule: 'cardinality',
    location: 'Condition.asserter',
  },
  {
    name: 'problem-no-asserted-date',
    description: 'assertedDate is 1..1',
    from: 'problem-asthma',
    breakIt: del('assertedDate'),
    rule: 'cardinality',
    location: 'Condition.assertedDate',
  },
  {
    name: 'problem-no-category',
    description: 'category is 1..1',
    from: 'problem-asthma',
    breakIt: del('category'),
    rule: 'cardinality',
    location: 'Condition.category',
  },
  // Immunization (CareConnect-GPC-Immunization-1 1.5.0)
  {
    name: 'immunization-no-recorded-date',
    description: 'the recordedDate extension is 1..1',
    from: 'imm-flu-2023',
    breakIt: dropExtension('DateRecorded-1'),
    rule: 'slice',
    location: 'Immunization.extension',
  },
  {
    name: 'immunization-no-not-given',
    description: 'notGiven is 1..1',
    from: 'imm-flu-2023',
    breakIt: del('notGiven'),
    rule: 'cardinality',
    location: 'Immunization.notGiven',
  },
  {
    name: 'immunization-bad-status',
    description: 'status is bound (required) to completed | entered-in-error',
    from: 'imm-flu-2023',
    breakIt: set('status', 'given'),
    rule: 'binding',
    location: 'Immunization.status',
  },
  {
    name: 'immunization-no-primary-source',
    description: 'primarySource is 1..1',
    from: 'imm-flu-2023',
    breakIt: del('primarySource'),
    rule: 'cardinality',
    location: 'Immunization.primarySource',
  },
  {
    name: 'immunization-protocol-no-dose-status',
    description: 'vaccinationProtocol.doseStatus is 1..1',
    from: 'imm-flu-2023',
    breakIt: (r) => delete r.vaccinationProtocol[0].doseStatus,
    rule: 'cardinality',
    location: 'Immunization.vaccinationProtocol[0].doseStatus',
  },
  // List (CareConnect-GPC-List-1 1.7.0)
  {
    name: 'list-no-mode',
    description: 'mode is 1..1',
    from: 'list-886921000000105',
    breakIt: del('mode'),
    rule: 'cardinality',
    location: 'List.mode',
  },
  {
    name: 'list-bad-status',
    description: 'status is bound (required) to list-status',
    from: 'list-886921000000105',
    breakIt: set('status', 'active'),
    rule: 'binding',
    location: 'List.status',
  },
  {
    name: 'list-no-code',
    description: 'code is 1..1',
    from: 'list-886921000000105',
    breakIt: del('code'),
    rule: 'cardinality',
    location: 'List.code',
  },
  {
    name: 'list-no-subject',
    description: 'subject is 1..1',
    from: 'list-886921000000105',
    breakIt: del('subject'),
    rule: 'cardinality',
    location: 'List.subject',
  },
  // The Bundle (GPConnect-StructuredRecord-Bundle-1 1.3.0)
  {
    name: 'bundle-searchset',
    description: 'type is fixed to collection',
    from: 'Bundle',
    breakIt: set('type', 'searchset'),
    rule: 'fixed',
    location: 'Bundle.type',
  },
  {
    name: 'bundle-no-profile',
    description: 'meta.profile is 1..*',
    from: 'Bundle',
    breakIt: set('meta', { tag: [{ system: 'https://provider.gpc-assure.invalid/tag', code: 'record' }] }),
    rule: 'cardinality',
    location: 'Bundle.meta.profile',
  },
  {
    name: 'bundle-total',
    description: 'total is 0..0',
    from: 'Bundle',
    breakIt: set('total', 2),
    rule: 'cardinality',
    location: 'Bundle.total',
  },
];

const resourcesOf = (bundle: Json) => (bundle.entry as Json[]).map((e) => e.resource as Json);

/** The small Bundle a Bundle case breaks: the Patient and one List is enough for every Bundle rule. */
function smallBundle(record: Json): Json {
  const keep = resourcesOf(record).filter((r) => r.resourceType === 'Patient' || r.id === 'list-1103671000000101');
  const list = structuredClone(keep.find((r) => r.resourceType === 'List')!);
  delete list.entry;
  list.emptyReason = {
    coding: [
      {
        system: 'https://fhir.nhs.uk/STU3/CodeSystem/CareConnect-ListEmptyReasonCode-1',
        code: 'no-content-recorded',
        display: 'No Content Recorded',
      },
    ],
  };
  list.note = [{ text: 'Information not available' }];
  return { ...record, entry: [keep.find((r) => r.resourceType === 'Patient'), list].map((resource) => ({ resource })) };
}

function main(): void {
  const record = validRecord();
  for (const c of CASES) {
    const isBundle = c.from === 'Bundle';
    const resource = structuredClone(isBundle ? smallBundle(record) : resourcesOf(record).find((r) => r.id === c.from));
    if (!resource) throw new Error(`${c.name}: no resource ${c.from} in the record`);
    c.breakIt(resource);
    const profile = isBundle ? undefined : (resource.meta.profile[0] as string);
    const issues = isBundle
      ? validateExchangeBody(resource, { hop: 'provider', interaction: 'get structured record' })
      : validate(resource, { fhirVersion: 'STU3', profile, profileSet: 'gpconnect-1.5.0' });
    const errors = issues.filter((i) => i.severity === 'error');
    if (!errors.some((i) => i.rule === c.rule && i.location === c.location))
      throw new Error(
        `${c.name}: expected ${c.rule} at ${c.location}, got ${errors.map((i) => `${i.rule}@${i.location}`).join(', ')}`,
      );
    const out = {
      description: `${c.description} in ${isBundle ? `${SD}GPConnect-StructuredRecord-Bundle-1` : profile} (1.5.0 profile set)`,
      ...(isBundle ? { interaction: 'get structured record' } : { profile, profileSet: 'gpconnect-1.5.0' }),
      fhirVersion: 'STU3',
      expect: { rule: c.rule, location: c.location },
      resource,
    };
    writeFileSync(join(OUT, `ars-${c.name}.json`), `${JSON.stringify(out, null, 2)}\n`);
  }
  process.stdout.write(`wrote ${CASES.length} ARS corpus instances to ${OUT}\n`);
}

if (require.main === module) main();
