/**
 * The provider's error vocabulary ('Error handling'): each Spine code with its display and FHIR issue type, so a
 * handler only names the status and code and says what was wrong. Handlers throw a GpcError; the router
 * turns it into a GPConnect-OperationOutcome-1.
 */
import { type SimResponse } from '../http-kit';
import { gpcOutcome } from '../operation-outcomes';
import { SPINE } from '../../domain/spine-codes';
import { SPINE_CODES_BY_ISSUE_TYPE } from '../../domain/spine-code-displays';

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
export const badRequest = (problem: string) => new GpcError(400, SPINE.BAD_REQUEST, problem);
export const invalidParameter = (problem: string) => new GpcError(422, SPINE.INVALID_PARAMETER, problem);
export const invalidResource = (problem: string) => new GpcError(422, SPINE.INVALID_RESOURCE, problem);
