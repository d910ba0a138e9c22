/**
 * The structured record's resources, rendered from the fixture records to the 1.5.0 CareConnect-GPC
 * profiles ('GP Connect STU3 profiles'; the 1.6.2 ARS resource pages for which extensions carry what). Every clinical resource
 * has a provider identifier, its profile in meta, and references only to resources of the same Bundle.
 */
import type { AreaList } from '../../../gpconnect/structured-operation';
import { ukDateTime } from '../../../spine/uk-time';
import type { Practitioner } from '../state';
import type { AllergyRecord, Coded, ImmunisationRecord, MedicationRecord, ProblemRecord } from './record';

export type Resource = Record<string, unknown> & { resourceType: string; id: string };

const SD = 'https://fhir.nhs.uk/STU3/StructureDefinition/';
const UK = 'https://fhir.hl7.org.uk/STU3/StructureDefinition/';
const SNOMED = 'http://snomed.info/sct';
/** Provider-local identifier system for record entries (each profile wants identifier system+value). */
export const RECORD_IDENTIFIER_SYSTEM = 'https://provider.gpc-assure.invalid/Id/record-entry';

export const ref = (r: { resourceType: string; id: string }) => ({ reference: `${r.resourceType}/${r.id}` });
export const snomed = (c: Coded) => ({
  coding: [{ system: SNOMED, code: c.code, display: c.display }],
  text: c.display,
});
const coded = (system: string, code: string, display: string) => ({ coding: [{ system, code, display }] });

/** What every clinical resource shares: id, profile, identifier. */
export function clinical(resourceType: string, id: string, profile: string, fields: Record<string, unknown>): Resource {
  return {
    resourceType,
    id,
    meta: { profile: [`${SD}${profile}`] },
    identifier: [{ system: RECORD_IDENTIFIER_SYSTEM, value: id }],
    ...fields,
  };
}

/** Who wrote the record down: the usual GP, as Patient and Practitioner references resolve in the Bundle. */
export interface Authors {
  patient: Resource;
  gp: Practitioner;
}

export function allergyResource(a: AllergyRecord, { patient, gp }: Authors): Resource {
  return clinical('AllergyIntolerance', a.id, 'CareConnect-GPC-AllergyIntolerance-1', {
    ...(a.ended
      ? {
          extension: [
            {
              url: `${SD}Extension-CareConnect-GPC-AllergyIntoleranceEnd-1`,
              extension: [
                { url: 'endDate', valueDateTime: a.ended.date },
                { url: 'reasonEnded', valueString: a.ended.reason },
              ],
            },
          ],
        }
      : {}),
    clinicalStatus: a.ended ? 'resolved' : 'active',
    // Fixed to unconfirmed by CareConnect-GPC-AllergyIntolerance-1 1.7.0 (1.5.0 set).
    verificationStatus: 'unconfirmed',
    category: [a.category],
    code: snomed(a.code),
    patient: ref(patient),
    assertedDate: a.asserted,
    recorder: { reference: `Practitioner/${gp.id}` },
    reaction: [{ manifestation: [snomed(a.reaction)] }],
  });
}

export function medicationResource(m: MedicationRecord): Resource {
  return {
    resourceType: 'Medication',
    id: `${m.id}-medication`,
    meta: { profile: [`${SD}CareConnect-GPC-Medication-1`] },
    code: snomed(m.drug),
  };
}

/** The authorisation (intent plan) and, when asked for, one issue (intent order) per prescription date. */
export function medicationRequests(m: MedicationRecord, { patient, gp }: Authors, withIssues: boolean): Resource[] {
  const request = (id: string, intent: 'plan' | 'order', authoredOn: string, basedOn?: Resource) =>
    clinical('MedicationRequest', id, 'CareConnect-GPC-MedicationRequest-1', {
      extension: [
        {
          url: `${SD}Extension-CareConnect-GPC-PrescriptionType-1`,
          valueCodeableConcept: coded(
            'https://fhir.nhs.uk/STU3/CodeSystem/CareConnect-PrescriptionType-1',
            m.prescriptionType,
            m.prescriptionType === 'acute' ? 'Acute' : 'Repeat',
          ),
        },
      ],
      ...(basedOn ? { basedOn: [ref(basedOn)] } : {}),
      status: m.end ? 'completed' : 'active',
      intent,
      medicationReference: { reference: `Medication/${m.id}-medication` },
      subject: ref(patient),
      authoredOn,
      requester: { agent: { reference: `Practitioner/${gp.id}` } },
      recorder: { reference: `Practitioner/${gp.id}` },
      dosageInstruction: [{ text: m.dosage }],
      dispenseRequest: { validityPeriod: { start: authoredOn, ...(m.end ? { end: m.end } : {}) } },
    });
  const plan = request(`${m.id}-plan`, 'plan', m.start);
  const issues = withIssues ? m.issues.map((date, n) => request(`${m.id}-issue-${n + 1}`, 'order', date, plan)) : [];
  return [plan, ...issues];
}

export function medicationStatementResource(m: MedicationRecord, { patient }: Authors): Resource {
  return clinical('MedicationStatement', m.id, 'CareConnect-GPC-MedicationStatement-1', {
    extension: [
      {
        url: `${SD}Extension-CareConnect-GPC-MedicationStatementLastIssueDate-1`,
        valueDateTime: m.issues[m.issues.length - 1],
      },
      {
        url: `${SD}Extension-CareConnect-GPC-PrescribingAgency-1`,
        valueCodeableConcept: coded(
          'https://fhir.nhs.uk/STU3/CodeSystem/CareConnect-PrescribingAgency-1',
          'prescribed-at-gp-practice',
          'Prescribed at GP practice',
        ),
      },
    ],
    basedOn: [{ reference: `MedicationRequest/${m.id}-plan` }],
    status: m.end ? 'completed' : 'active',
    medicationReference: { reference: `Medication/${m.id}-medication` },
    effectivePeriod: { start: m.start, ...(m.end ? { end: m.end } : {}) },
    dateAsserted: m.start,
    subject: ref(patient),
    taken: 'unk',
    dosage: [{ text: m.dosage }],
  });
}

/** A problem header ('GP Connect STU3 profiles'), linked to the clinical items it is about. */
export function problemResource(p: ProblemRecord, { patient, gp }: Authors): Resource {
  return clinical('Condition', p.id, 'CareConnect-GPC-ProblemHeader-Condition-1', {
    extension: [
      { url: `${UK}Extension-CareConnect-ProblemSignificance-1`, valueCode: p.significance },
      ...p.relatedImmunisations.map((id) => ({
        url: `${UK}Extension-CareConnect-RelatedClinicalContent-1`,
        valueReference: { reference: `Immunization/${id}` },
      })),
    ],
    clinicalStatus: p.status,
    category: [
      coded(
        'https://fhir.hl7.org.uk/STU3/CodeSystem/CareConnect-ConditionCategory-1',
        'problem-list-item',
        'Problem List Item',
      ),
    ],
    code: snomed(p.code),
    subject: ref(patient),
    onsetDateTime: p.onset,
    ...(p.abatement ? { abatementDateTime: p.abatement } : {}),
    assertedDate: p.onset,
    asserter: { reference: `Practitioner/${gp.id}` },
  });
}

export function immunisationResource(i: ImmunisationRecord, { patient, gp }: Authors): Resource {
  return clinical('Immunization', i.id, 'CareConnect-GPC-Immunization-1', {
    extension: [
      { url: `${UK}Extension-CareConnect-DateRecorded-1`, valueDateTime: i.date },
      { url: `${UK}Extension-CareConnect-VaccinationProcedure-1`, valueCodeableConcept: snomed(i.procedure) },
    ],
    status: 'completed',
    notGiven: !!i.notGiven,
    vaccineCode: snomed(i.vaccine),
    patient: ref(patient),
    date: i.date,
    primarySource: true,
    practitioner: [{ actor: { reference: `Practitioner/${gp.id}` } }],
    ...(i.notGiven ? { explanation: { reasonNotGiven: [snomed(i.notGiven)] } } : {}),
    vaccinationProtocol: [
      {
        doseSequence: 1,
        targetDisease: [snomed(i.targetDisease)],
        doseStatus: coded('http://hl7.org/fhir/vaccination-protocol-dose-status', 'count', 'Counts'),
      },
    ],
  });
}

const EMPTY_REASON = coded(
  'https://fhir.nhs.uk/STU3/CodeSystem/CareConnect-ListEmptyReasonCode-1',
  'no-content-recorded',
  'No Content Recorded',
);

/** An area's List: its entries, or (nothing to return) an emptyReason and the note the page asks for. */
export function areaList(list: AreaList, patient: Resource, items: readonly Resource[], now: Date): Resource {
  return {
    resourceType: 'List',
    id: `list-${list.code}`,
    meta: { profile: [`${SD}CareConnect-GPC-List-1`] },
    status: 'current',
    mode: 'snapshot',
    title: list.title,
    code: coded(SNOMED, list.code, list.title),
    subject: ref(patient),
    date: ukDateTime(now),
    orderedBy: coded('http://hl7.org/fhir/list-order', 'event-date', 'Sorted by Event Date'),
    ...(items.length
      ? { entry: items.map((item) => ({ item: ref(item) })) }
      : { note: [{ text: 'Information not available' }], emptyReason: EMPTY_REASON }),
  };
}
