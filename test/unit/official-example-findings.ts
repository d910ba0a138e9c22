/**
 * What the validator finds in each official example under ../shared/examples, and why: every error is a
 * defect of the example, either documented upstream (known gpconnect-fhir defects) or found here, with the rule it breaks.
 * A file not listed must pass. When the validator stops finding one (an upstream fix, or a validator bug
 * found and fixed), its row goes, and official-examples.test.ts says so.
 */

export interface Finding {
  why: string;
  /** `rule@location` of each error, sorted. */
  errors: string[];
}

/** How a file is judged when its resourceType does not say it all. */
export const SCHEMA_OF: Array<[RegExp, string]> = [
  // A create request has the resourceType of the Patient PDS answers with, and its own schema.
  [/^pds\/.*\/PatientCreate\//, 'pds-patient-create'],
  [/^pds\/.*\/PatientPatch\//, 'pds-patient-patch'],
];

/** Bodies held to an interaction's expectation because they name no meta.profile (FHIR-PROFILE). */
export const INTERACTION_OF: Record<string, string> = {
  'gpconnect-1.2.9/appointments/search_for_free_slots_response_example.json': 'search free slots',
};

/** Files that are not JSON, and why. */
export const NOT_JSON: Record<string, string> = {
  ...Object.fromEntries(
    ['1.2.9', '1.6.2'].map((v) => [
      `gpconnect-${v}/errors/operationoutcome-10-ssp-error-example-target-url-varies-from-endpoint-registered.json`,
      'facts §10.3: a trailing comma',
    ]),
  ),
  'gpconnect-1.6.2/accessrecord_structured/ars-capabilitystatement-01-payload-response-body.json':
    'facts §10.4: missing commas',
  ...Object.fromEntries(
    [
      'consultations_request2',
      'consultations_request3',
      'documents_request1',
      'documents_response1',
      'problems_request2',
      'problems_request3',
      'uncategorised_request2',
      'uncategorised_request3',
    ].map((f) => [
      `gpconnect-1.6.2/accessrecord_structured/${f}.json`,
      'facts §10.11: a Jekyll-wrapped placeholder ("Add example here.....")',
    ]),
  ),
  'gpconnect-1.6.2/accessrecord_structured/consultations_response1.json':
    'found here: a trailing comma after the last meta.profile entry',
  'gpconnect-1.6.2/accessrecord_structured/version-compat-01-forwards-compatibility.json':
    'found here: a trailing comma (and the OperationOutcome is wrapped as {"resource": …}, a page fragment)',
  ...Object.fromEntries(
    [
      'Minimal_Patient',
      'Minimal_PatientSearch',
      'Patient-Jayne-Smyth',
      'Patient',
      'PatientCompoundName',
      'PatientSearch-Jayne-Smyth',
      'PatientSearch',
      'Personal_Details_RelatedPersonBundle',
      'Referenced_RelatedPersonBundle',
      'RelatedPersonBundle',
      'Sensitive_Patient',
      'Sensitive_PatientSearch',
    ].map((f) => [
      `pds/specification/components/examples/${f}.json`,
      'a git symbolic link stored as text (../../../sandbox/mocks/…): its target is not in the copy',
    ]),
  ),
};

/** JSON files that are page fragments, not whole resources, and why. */
export const FRAGMENTS: Record<string, string> = {
  'gpconnect-1.6.2/accessrecord_structured/getstructuredrecord-02-error-handling.json':
    'one Parameters.parameter ({"name":"includeProblems"}) quoted from the error-handling page',
};

/** A known gpconnect-fhir defect: the NHS number verification status system without /STU3/CodeSystem/. */
const VERIFICATION = (patient: string) => `binding@${patient}.identifier[0].extension[0].valueCodeableConcept`;
const GP_AS_OBJECT = 'type@Bundle.entry[0].resource.generalPractitioner';
const ARS = 'gpconnect-1.6.2/accessrecord_structured/';

/**
 * What the STU3 base clinical resources (compiled since Access Record Structured joined) find besides, in the
 * 1.6.2 ARS examples judged on their own: defects of the examples, the same ones test/unit/ars-examples.test.ts
 * names when it holds them to the 1.5.0 set.
 */
const at = (i: number, ...paths: string[]) => paths.map((path) => `Bundle.entry[${i}].resource.${path}`);
const recorders = (...entries: number[]) =>
  entries.flatMap((i) => at(i, 'recorder.reference')).map((l) => `reference@${l}`);
const ROLE_AUTHOR =
  'found here: a PractitionerRole as recorder or performer, where STU3 allows Practitioner (or Patient)';
const STRING_NUMBERS = 'numbers written as strings and Duration.code written as an array (dispenseRequest)';
const dispense = (entry: number, fields: string[]) =>
  at(entry, ...fields.map((f) => `dispenseRequest.${f}`)).map((l) => `type@${l}`);
const DURATION = ['expectedSupplyDuration.code', 'expectedSupplyDuration.value'];
const SKELETON_GROUP = (first: number) => [
  ...at(first, 'code', 'status'),
  ...at(first + 1, 'medication[x]', 'status', 'subject', 'taken'),
  ...at(first + 2, 'patient', 'verificationStatus'),
  ...at(first + 3, 'notGiven', 'patient', 'primarySource', 'status', 'vaccineCode'),
];
const ARS_BASE_FINDINGS: Record<string, Finding> = {
  [`${ARS}allergies_response1.json`]: {
    why: ROLE_AUTHOR,
    errors: [`reference@${at(5, 'contained[0].recorder.reference')[0]}`, ...recorders(6, 7, 8)],
  },
  [`${ARS}allergies_response2.json`]: { why: ROLE_AUTHOR, errors: recorders(5) },
  [`${ARS}consultations_forwards_response1.json`]: {
    why: `${ROLE_AUTHOR}; ${STRING_NUMBERS}`,
    errors: [
      `reference@${at(5, 'contained[0].recorder.reference')[0]}`,
      ...recorders(6, 7, 8, 12, 13, 14, 15, 16),
      ...dispense(12, ['expectedSupplyDuration.value', 'quantity.value']),
      ...[13, 14, 15, 16].flatMap((i) => dispense(i, [...DURATION, 'quantity.value'])),
    ],
  },
  [`${ARS}diaryentries_response1.json`]: {
    why: 'found here: dateTimes with a time but no offset (entry 8: assertedDate, onsetDateTime)',
    errors: at(8, 'assertedDate', 'onsetDateTime').map((l) => `type@${l}`),
  },
  [`${ARS}immunizations_response1.json`]: {
    why: 'found here: a coding system with a trailing space ("http://hl7.org/fhir/v3/NullFlavor ")',
    errors: [`type@${at(7, 'vaccineCode.coding[0].system')[0]}`],
  },
  [`${ARS}immunizations_response2.json`]: {
    why: 'found here: a coding system with a trailing space, and explanation.notGivenReason (the element is reasonNotGiven)',
    errors: [
      ...[7, 8].map((i) => `type@${at(i, 'vaccineCode.coding[0].system')[0]}`),
      `unknown-element@${at(8, 'explanation.notGivenReason')[0]}`,
    ],
  },
  [`${ARS}immunizations_response3.json`]: {
    why: ROLE_AUTHOR,
    errors: [`reference@${at(7, 'performer[0].reference')[0]}`],
  },
  [`${ARS}meds_response.json`]: {
    why: `${ROLE_AUTHOR}; ${STRING_NUMBERS}`,
    errors: [
      ...recorders(8, 9, 10, 11, 12, 13),
      ...dispense(8, ['expectedSupplyDuration.value']),
      ...dispense(9, ['expectedSupplyDuration.value', 'quantity.value']),
      ...[10, 11, 12, 13].flatMap((i) => dispense(i, DURATION)),
    ],
  },
  [`${ARS}pathology_response2.json`]: {
    why: 'found here: a code with a trailing space ("394595002 ")',
    errors: [`type@${at(7, 'category[0].coding[0].code')[0]}`],
  },
  [`${ARS}skeleton_full_record.json`]: {
    why: 'its placeholder Lists and clinical resources lack every mandatory element',
    errors: [
      ...Array.from({ length: 16 }, (_, i) => at(i, 'mode', 'status')).flat(),
      ...at(16, 'status'),
      ...at(17, 'subject'),
      ...[18, 22, 26].flatMap(SKELETON_GROUP),
    ].map((l) => `cardinality@${l}`),
  },
  [`${ARS}uncategorised_response1.json`]: {
    why: 'found here: a code with a leading space (" 86290005")',
    errors: [`type@${at(7, 'code.coding[0].code')[0]}`],
  },
};

/** A file's documented finding with what the base clinical resources find besides. */
function withBaseFindings(findings: Record<string, Finding>): Record<string, Finding> {
  const merged = { ...findings };
  for (const [file, more] of Object.entries(ARS_BASE_FINDINGS)) {
    const known = merged[file];
    merged[file] = known ? { why: `${known.why}; ${more.why}`, errors: [...known.errors, ...more.errors] } : more;
  }
  return merged;
}

export const FINDINGS: Record<string, Finding> = withBaseFindings({
  ...Object.fromEntries(
    [
      '01-example-invalid-nhs-number-supplied',
      '02-example-patient-not-found',
      '03-example-resource-not-found',
      '04-example-no-patient-consent-to-share',
      '05-example-access-denied',
      '06-example-attempting-to-register-a-patient-that-already-exists',
      '07-example-reference-not-found',
      '08-example-malformed-json-claim-in-request',
      '09-example-unexpected-exception',
    ].map((f) => [
      `gpconnect-1.2.9/errors/operationoutcome-${f}.json`,
      {
        why: 'facts §10.1: the ValueSet URI as coding.system (GPConnect-OperationOutcome-1 fixes the CodeSystem URI)',
        errors: [
          'binding@OperationOutcome.issue[0].details',
          'fixed@OperationOutcome.issue[0].details.coding[0].system',
        ],
      },
    ]),
  ),
  'gpconnect-1.2.9/foundations/find_patient_response_example.json': {
    why: 'facts §10.6',
    errors: [VERIFICATION('Bundle.entry[0].resource')],
  },
  'gpconnect-1.2.9/foundations/read_patient_response_example.json': {
    why: 'facts §10.6',
    errors: [VERIFICATION('Patient')],
  },
  'gpconnect-1.2.9/foundations/register_patient_request_example.json': {
    why: 'facts §10.6',
    errors: [VERIFICATION('Parameters.parameter[0].resource')],
  },
  'gpconnect-1.2.9/foundations/register_patient_response_example.json': {
    why: 'facts §10.6, and the same mistake for the registration type (https://fhir.nhs.uk/CareConnect-RegistrationType-1)',
    errors: [
      'binding@Bundle.entry[0].resource.extension[0].extension[1].valueCodeableConcept',
      VERIFICATION('Bundle.entry[0].resource'),
    ],
  },
  'gpconnect-1.2.9/appointments/search_for_free_slots_response_example.json': {
    why: 'found here: Location.telecom, Organization.address and Organization.telecom (all 0..*) written as single objects, not arrays',
    errors: [
      'type@Bundle.entry[4].resource.telecom',
      'type@Bundle.entry[5].resource.address',
      'type@Bundle.entry[5].resource.telecom',
    ],
  },
  'gpconnect-1.2.9/appointments/unknown_visit_location_example.json': {
    why: 'found here: Location.address (0..1) written as an array',
    errors: ['type@Location.address'],
  },
  'gpconnect-1.2.9/foundations/read_location_response_example.json': {
    why: 'found here: Location.address (0..1) written as an array',
    errors: ['type@Location.address'],
  },
  'gpconnect-1.2.9/foundations/get_capability_statement_response_example.json': {
    why: 'found here: a template; software.releaseDate is the placeholder "[Provider Software Release Date]", not a dateTime',
    errors: ['type@CapabilityStatement.software.releaseDate'],
  },
  ...Object.fromEntries(
    [
      'allergies_response1',
      'allergies_response2',
      'allergies_response3',
      'consultations_forwards_response1',
      'immunizations_response1',
      'immunizations_response2',
      'immunizations_response3',
      'meds_response',
      'uncategorised_response1',
    ].map((f) => [`${ARS}${f}.json`, { why: 'facts §10.6', errors: [VERIFICATION('Bundle.entry[0].resource')] }]),
  ),
  ...Object.fromEntries(
    [
      'consultations_response2',
      'consultations_response3',
      'problems_response1',
      'problems_response2',
      'problems_response3',
      'uncategorised_response2',
      'uncategorised_response3',
    ].map((f) => [
      `${ARS}${f}.json`,
      {
        why: 'facts §10.6, and found here: Patient.generalPractitioner (0..*) written as a single object, not an array',
        errors: [VERIFICATION('Bundle.entry[0].resource'), GP_AS_OBJECT],
      },
    ]),
  ),
  [`${ARS}referrals_response1.json`]: { why: 'facts §10.6', errors: [VERIFICATION('Bundle.entry[3].resource')] },
  [`${ARS}diaryentries_response1.json`]: {
    why: 'facts §10.6, and found here: entries 6 and 7 hold a ProcedureRequest directly, not under entry.resource (bdl-5; each of its elements is then unknown in Bundle.entry)',
    errors: [
      VERIFICATION('Bundle.entry[0].resource'),
      'invariant:bdl-5@Bundle.entry[6]',
      'invariant:bdl-5@Bundle.entry[7]',
      ...[6, 7].flatMap((i) =>
        [
          'authoredOn',
          'code',
          'context',
          'identifier',
          'intent',
          'meta',
          'occurrence',
          'requester',
          'resourceType',
          'status',
          'subject',
        ].map((e) => `unknown-element@Bundle.entry[${i}].${e}`),
      ),
    ],
  },
  [`${ARS}pathology_response1.json`]: {
    why: 'found here: the NHS number carries the base CareConnect extension (https://fhir.hl7.org.uk/…/Extension-CareConnect-NHSNumberVerificationStatus-1), not the GPC one CareConnect-GPC-Patient-1 requires (slice nhsNumberVerificationStatus 1..1)',
    errors: ['slice@Bundle.entry[2].resource.identifier[0].extension'],
  },
  [`${ARS}skeleton_full_record.json`]: {
    why: 'found here: a skeleton; entries 30-33 are empty placeholder resources (ele-1), the Organization without name or identifier (org-1)',
    errors: [
      'invariant:ele-1@Bundle.entry[30].resource',
      'invariant:ele-1@Bundle.entry[31].resource',
      'invariant:ele-1@Bundle.entry[32].resource',
      'invariant:ele-1@Bundle.entry[33].resource',
      'invariant:org-1@Bundle.entry[31].resource',
    ],
  },
  ...Object.fromEntries(
    ['device', 'endpoint'].map((f) => [
      `sds/test-data/${f}.json`,
      {
        why: 'found here: a template; the ids are the placeholder "<TO_REPLACE>", not the UUIDs the SDS schema requires',
        errors: ['type@Bundle.entry[0].resource.id', 'type@Bundle.id'],
      },
    ]),
  ),
});
