/**
 * The STU3 Spine codes the GP Connect provider answers with, each with its display and the FHIR issue type it
 * goes with: domain data (the 'Error handling' page's table), which the provider simulator's error vocabulary
 * (support/simulators/provider/outcomes.ts) renders into GPConnect-OperationOutcome-1.
 */
/** Spine codes and their displays, grouped by the FHIR issue type they go with ('Error handling' table). */
export const SPINE_CODES_BY_ISSUE_TYPE = {
  invalid: {
    BAD_REQUEST: 'Bad request',
    INVALID_RESOURCE: 'Invalid validation of resource',
    INVALID_PARAMETER: 'Invalid parameter',
    REFERENCE_NOT_FOUND: 'Reference not found',
    FHIR_CONSTRAINT_VIOLATION: 'FHIR constraint violated',
  },
  value: { INVALID_IDENTIFIER_SYSTEM: 'Invalid identifier system', INVALID_NHS_NUMBER: 'Invalid NHS number' },
  'business-rule': { INVALID_PATIENT_DEMOGRAPHICS: 'Invalid patient demographics' },
  duplicate: { DUPLICATE_REJECTED: 'Create would lead to creation of a duplicate resource' },
  forbidden: { NO_PATIENT_CONSENT: 'Patient has not provided consent to share data', 'ACCESS DENIED': 'Access denied' },
  'not-found': {
    ORGANISATION_NOT_FOUND: 'Organisation not found',
    PATIENT_NOT_FOUND: 'Patient not found',
    PRACTITIONER_NOT_FOUND: 'Practitioner not found',
    NO_RECORD_FOUND: 'No record found',
  },
  'not-supported': { NOT_IMPLEMENTED: 'Not implemented' },
  processing: { INTERNAL_SERVER_ERROR: 'Unexpected internal server error' },
} as const;
