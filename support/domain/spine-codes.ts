/**
 * The Spine error codes the catalogue expects, as data. Two code systems: GP Connect's STU3
 * Spine-ErrorOrWarningCode-1 (facts §6; the generated terminology in schemas/fhir carries all of it, and
 * test/unit/catalogue.test.ts checks each code here is one of its codes), and the R4
 * Spine-ErrorOrWarningCode PDS answers with (facts §5.1, from the PDS OpenAPI specification; the generated
 * R4 schemas carry no terminology, so this table is that code system's data).
 *
 * The SSP's own refusals carry no code of either: they name Spine text in display or diagnostics (facts
 * §2.4), which is SSP_TEXTS.
 */
export const STU3_SPINE_CODES = [
  // Spelt with a space in Spine-ErrorOrWarningCode-1 (facts §6), unlike the R4 ACCESS_DENIED.
  'ACCESS DENIED',
  'BAD_REQUEST',
  'DUPLICATE_REJECTED',
  'FHIR_CONSTRAINT_VIOLATION',
  'INTERNAL_SERVER_ERROR',
  'INVALID_IDENTIFIER_SYSTEM',
  'INVALID_NHS_NUMBER',
  'INVALID_PARAMETER',
  'INVALID_PATIENT_DEMOGRAPHICS',
  'INVALID_RESOURCE',
  'NO_PATIENT_CONSENT',
  'NO_RECORD_FOUND',
  'NOT_IMPLEMENTED',
  'MISSING_OR_INVALID_HEADER',
  'ORGANISATION_NOT_FOUND',
  'PATIENT_NOT_FOUND',
  'PRACTITIONER_NOT_FOUND',
  'REFERENCE_NOT_FOUND',
  'UNSUPPORTED_MEDIA_TYPE',
] as const;

/** https://fhir.nhs.uk/R4/CodeSystem/Spine-ErrorOrWarningCode, as the PDS FHIR API answers (facts §5.1). */
// The codes the PDS FHIR API specification names for its answers (facts §5.1 and its error responses,
// SERVICE_UNAVAILABLE among them for its 5xx), plus FAILURE_TO_PROCESS_MESSAGE, which the PDS sandbox answers
// a POST with.
export const R4_SPINE_CODES = [
  'ACCESS_DENIED',
  'ADDITIONAL_PROPERTIES',
  'FAILURE_TO_PROCESS_MESSAGE',
  'FORBIDDEN_UPDATE',
  'INSERT_BIRTH_DEATH_STATUS_INCONSISTENT',
  'INVALIDATED_RESOURCE',
  'INVALID_CREATE',
  'INVALID_METHOD',
  'INVALID_RESOURCE_ID',
  'INVALID_SEARCH_DATA',
  'INVALID_UPDATE',
  'INVALID_VALUE',
  'MISSING_VALUE',
  'MULTIPLE_MATCHES',
  'NOT_SUPPORTED_SEARCH',
  'PRECONDITION_FAILED',
  'RESOURCE_NOT_FOUND',
  'RESOURCE_VERSION_MISMATCH',
  'SERVICE_UNAVAILABLE',
  'TOO_FEW_VALUES_SUBMITTED',
  'TOO_MANY_MATCHES',
  'TOO_MANY_REQUESTS',
  'TOO_MANY_VALUES_SUBMITTED',
  'UNABLE_TO_CALL_SERVICE',
  'UNSUPPORTED_SERVICE',
] as const;

/** What the SSP's refusals name in display or diagnostics (facts §2.4): words inside a text, not codes. */
export const SSP_TEXTS = [
  'MISSING_HEADER',
  'ASID_CHECK_FAILED',
  'PARTYKEY_INTERACTION_CHECK_FAILED',
  'FOT_CHECK_FAILED',
  'VARIES_FROM_TARGETURL',
  'URL_INTEGRITY_CHECK_FAILED',
  'Method Not Allowed',
  'Unsupported_Media_Type',
  'ERROR_COMMUNICATING_TO_ENDPOINT_URL',
  'TIMEOUT',
] as const;

export type Stu3SpineCode = (typeof STU3_SPINE_CODES)[number];
export type R4SpineCode = (typeof R4_SPINE_CODES)[number];
export type SpineCode = Stu3SpineCode | R4SpineCode;
export type SspText = (typeof SSP_TEXTS)[number];

export const SPINE_CODES: readonly SpineCode[] = [...STU3_SPINE_CODES, ...R4_SPINE_CODES];

/** The codes an edge refusal carries (facts §6: BAD_REQUEST for headers and the JWT, INVALID_RESOURCE for its resources). */
export const EDGE_REFUSAL_CODES = ['BAD_REQUEST', 'INVALID_RESOURCE'] as const satisfies readonly Stu3SpineCode[];
export type EdgeRefusalCode = (typeof EDGE_REFUSAL_CODES)[number];
export const isEdgeRefusalCode = (code: string | undefined): code is EdgeRefusalCode =>
  (EDGE_REFUSAL_CODES as readonly (string | undefined)[]).includes(code);

/**
 * Every Spine code by name, typed as itself: what the simulators write into their answers (`SPINE.BAD_REQUEST`),
 * so a code is spelt once, here, and a misspelt one does not compile.
 */
export const SPINE = Object.fromEntries(SPINE_CODES.map((code) => [code, code])) as { readonly [C in SpineCode]: C };
