/**
 * Access Record Structured in provider mode (issue 12): the journey to the structured root and what the
 * structured record must be, from facts §1, §3.3, §5.8, §6, §7 and the GP Connect 1.6.2 ARS pages named in
 * each source. Merged into the catalogue of support/requirements.ts.
 */
import type { Requirement } from './requirements';

const RETRIEVE = 'GPC-1.6.2 accessrecord_structured_development_retrieve_patient_record.md';

export const ARS_REQUIREMENTS: readonly Requirement[] = [
  {
    id: 'ARS-SDS',
    hop: 'sds',
    text: 'The structured root and ASID come from their own SDS lookup (the get structured record interaction), under /gpconnect/structured (T11)',
    source: 'facts §1, §5.8',
  },
  {
    id: 'ARS-METADATA',
    hop: 'provider',
    text: "The structured root's CapabilityStatement is STU3 and declares a version on the assured structured line",
    source: 'facts §0, §5.3; GPC-1.6.2 ars-capabilitystatement example',
  },
  {
    id: 'ARS-BUNDLE',
    hop: 'provider',
    text: 'The answer is a GPConnect-StructuredRecord-Bundle-1 collection: meta.profile set, no Bundle.id, no meta.versionId or lastUpdated',
    source: `facts §5.8, §7; ${RETRIEVE}`,
  },
  {
    id: 'ARS-PATIENT',
    hop: 'provider',
    text: 'The Bundle holds exactly one Patient, carrying the requested NHS number',
    source: `facts §5.8; ${RETRIEVE}`,
  },
  {
    id: 'ARS-REFERENCES',
    hop: 'provider',
    text: 'Every reference in the Bundle resolves to an entry of the Bundle',
    source: `facts §1 (references resolve locally); ${RETRIEVE}`,
  },
  {
    id: 'ARS-AREAS',
    hop: 'provider',
    text: 'Each requested clinical area is answered by its List (List.code per area); an area not requested has no List',
    source: 'GPC-1.6.2 accessrecord_structured_development_list.md (List.code)',
  },
  {
    id: 'ARS-EMPTY',
    hop: 'provider',
    text: 'An area with nothing to return still has its List, with an emptyReason and no entries',
    source: 'GPC-1.6.2 accessrecord_structured_development_list.md (emptyReason)',
  },
  {
    id: 'ARS-ALLERGIES',
    hop: 'provider',
    text: 'includeResolvedAllergies true gives the active and the "Ended allergies" Lists; false gives only the active one, with no resolved allergy in it',
    source: 'facts §5.8; GPC-1.6.2 accessrecord_structured_development_allergyintolerance.md',
  },
  {
    id: 'ARS-MEDICATION',
    hop: 'provider',
    text: 'medicationSearchFromDate filters: no medication returned ended before it; includePrescriptionIssues false returns no issue (intent order)',
    source: 'facts §5.8; GPC-1.6.2 accessrecord_structured_development_medication.md',
  },
  {
    id: 'ARS-PROBLEMS',
    hop: 'provider',
    text: 'filterStatus returns only problems of that status, and what each problem links to is in the Bundle',
    source: 'facts §5.8; GPC-1.6.2 accessrecord_structured_development_condition.md',
  },
  {
    id: 'ARS-IMMUNISATIONS',
    hop: 'provider',
    text: 'Immunisations not given are returned only with includeNotGiven true',
    source: 'facts §5.8; GPC-1.6.2 accessrecord_structured_development_immunization.md',
  },
  {
    id: 'ARS-UNRECOGNISED',
    hop: 'provider',
    text: 'An unrecognised parameter or part gets 200 plus an OperationOutcome warning NOT_IMPLEMENTED naming it',
    source: `facts §5.8; ${RETRIEVE}`,
  },
  {
    id: 'ARS-INVALID-PARAMETER',
    hop: 'provider',
    text: 'A missing mandatory part, a future search date, a period starting after it ends or a forbidden combination is refused 422 INVALID_PARAMETER',
    source: `facts §5.8, §6; ${RETRIEVE}`,
  },
  {
    id: 'ARS-INVALID-RESOURCE',
    hop: 'provider',
    text: 'A body that is not a Parameters resource, or consultationSearchPeriod with includeNumberOfMostRecent, is refused 422 INVALID_RESOURCE',
    source: `facts §5.8, §6; ${RETRIEVE}`,
  },
  {
    id: 'ARS-NHS-NUMBER',
    hop: 'provider',
    text: 'An NHS number failing its check digit is refused 400 INVALID_NHS_NUMBER',
    source: 'facts §5.8, §6',
  },
  {
    id: 'ARS-NOT-FOUND',
    hop: 'provider',
    text: 'An unknown, deceased or sensitive patient, or one not registered at the practice, is refused 404 PATIENT_NOT_FOUND',
    source: 'facts §5.8, §6',
  },
  {
    id: 'ARS-CONSENT',
    hop: 'provider',
    text: 'A patient who dissented from sharing is refused 403 NO_PATIENT_CONSENT',
    source: 'facts §5.8, §6',
  },
  {
    id: 'ARS-T11',
    hop: 'provider',
    text: 'The appointments root does not serve Access Record Structured: get structured record sent there is refused',
    source: 'facts §1, §8 (T11)',
  },
  {
    id: 'ARS-JWT-1.6',
    hop: 'provider',
    text: 'On the 1.6 line a JWT with requested_scope "patient/*.read conf/N" is accepted; a scope of the wrong kind is refused 400',
    source: 'facts §3.2, §3.3',
  },
];
