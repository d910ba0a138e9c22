/**
 * SDS's refusals as the real SDS FHIR API writes them (observed: peers/pds-sds-observed.json): Spine codes
 * of the CodeSystem under the STU3 ValueSet URL, with the FHIR issue code it pairs with each. Data shared by
 * the SDS simulator and the SDS faults that answer as SDS would.
 */
import { SYS } from '../spine/systems';
import { type SimResponse } from './http-kit';
import { r4Outcome } from './operation-outcomes';
import { SPINE } from '../domain/spine-codes';

export interface SdsRefusal {
  status: number;
  code: string;
  display: string;
  issue: string;
  /** The code system SDS names; the STU3 ValueSet URL unless said otherwise. */
  system?: string;
}

export const SDS_REFUSALS = {
  badRequest: { status: 400, code: SPINE.BAD_REQUEST, display: 'Bad request', issue: 'required' },
  noResource: { status: 404, code: SPINE.NO_RECORD_FOUND, display: 'No record found', issue: 'not-found' },
  notGet: { status: 405, code: SPINE.NOT_IMPLEMENTED, display: 'Not implemented', issue: 'not-supported' },
  accept: {
    status: 406,
    code: SPINE.MISSING_OR_INVALID_HEADER,
    display: 'Missing or invalid header',
    issue: 'not-supported',
  },
  // The API gateway's refusal, not the adaptor's: the NHS API platform writes it under the R4 CodeSystem.
  apikey: {
    status: 401,
    code: SPINE.ACCESS_DENIED,
    display: 'Access denied',
    issue: 'security',
    system: SYS.spineErrorR4,
  },
  crash: { status: 500, code: SPINE.INTERNAL_SERVER_ERROR, display: 'Internal server error', issue: 'exception' },
} as const satisfies Record<string, SdsRefusal>;

/** The OperationOutcome SDS answers for `refusal`. */
export const sdsOutcome = (refusal: SdsRefusal, diagnostics: string): SimResponse =>
  r4Outcome(
    refusal.status,
    refusal.code,
    refusal.display,
    diagnostics,
    refusal.issue,
    refusal.system ?? SYS.spineErrorStu3ValueSet,
  );
