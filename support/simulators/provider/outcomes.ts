/**
 * The provider's error vocabulary ('Error handling'): each Spine code with its display and FHIR issue type, so a
 * handler only names the status and code and says what was wrong. Handlers throw a GpcError; the router
 * turns it into a GPConnect-OperationOutcome-1.
 */
import { gpcOutcome, type SimResponse } from '../http-kit';

/** Spine codes and their displays, grouped by the FHIR issue type they go with ('Error handling' table). */
const SPINE_CODES_BY_ISSUE_TYPE = {
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
  forbidden: { NO_PATIENT_CONSENT: 'Patient has not provided consent to share data' },
  'not-found': {
    ORGANISATION_NOT_FOUND: 'Organisation not found',
    PATIENT_NOT_FOUND: 'Patient not found',
    PRACTITIONER_NOT_FOUND: 'Practitioner not found',
    NO_RECORD_FOUND: 'No record found',
  },
  'not-supported': { NOT_IMPLEMENTED: 'Not implemented' },
  processing: { INTERNAL_SERVER_ERROR: 'Unexpected internal server error' },
} as const;

type ByIssue = typeof SPINE_CODES_BY_ISSUE_TYPE;
export type SpineCode = { [I in keyof ByIssue]: keyof ByIssue[I] }[keyof ByIssue];

const SPINE_CODES = new Map<string, { display: string; issue: string }>(
  Object.entries(SPINE_CODES_BY_ISSUE_TYPE).flatMap(([issue, codes]) =>
    Object.entries(codes).map(([code, display]) => [code, { display, issue }] as const),
  ),
);

/** A GPConnect-OperationOutcome-1 response for a Spine code, with the problem as diagnostics. */
export function fail(status: number, code: SpineCode, diagnostics: string): SimResponse {
  const { display, issue } = SPINE_CODES.get(code)!;
  return gpcOutcome(status, code, display, diagnostics, issue);
}

/** Thrown by handlers for any request the provider refuses; carries everything `fail` needs. */
export class GpcError extends Error {
  constructor(
    readonly status: number,
    readonly code: SpineCode,
    problem: string,
  ) {
    super(problem);
    this.name = 'GpcError';
  }

  toResponse(): SimResponse {
    return fail(this.status, this.code, this.message);
  }
}

/** Shorthand for the two families most checks use ('Search for free slots' to 'Book an appointment'). */
export const badRequest = (problem: string) => new GpcError(400, 'BAD_REQUEST', problem);
export const invalidParameter = (problem: string) => new GpcError(422, 'INVALID_PARAMETER', problem);
export const invalidResource = (problem: string) => new GpcError(422, 'INVALID_RESOURCE', problem);
