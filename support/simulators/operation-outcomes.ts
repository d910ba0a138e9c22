/**
 * OperationOutcome builders for the three dialects the hops speak: PDS/SDS R4 Spine codes, GP Connect STU3,
 * and the SSP's own. Every embedded simulator refuses through these.
 */
import { PROFILE, SYS } from '../spine/systems';
import type { SimResponse } from './http-kit';

/** PDS and SDS (R4) Spine OperationOutcome ('PDS Get patient details'); SDS names its code system its own way. */
export function r4Outcome(
  status: number,
  code: string,
  display: string,
  diagnostics?: string,
  issueCode = 'invalid',
  system: string = SYS.spineErrorR4,
): SimResponse {
  return {
    status,
    body: {
      resourceType: 'OperationOutcome',
      issue: [
        {
          severity: 'error',
          code: issueCode,
          details: { coding: [{ system, version: '1', code, display }] },
          ...(diagnostics ? { diagnostics } : {}),
        },
      ],
    },
  };
}

/** GP Connect provider error: GPConnect-OperationOutcome-1, exactly one coding from the CodeSystem ('Error handling'). */
export function gpcOutcome(
  status: number,
  code: string,
  display: string,
  diagnostics?: string,
  issueCode = 'invalid',
): SimResponse {
  return {
    status,
    body: {
      resourceType: 'OperationOutcome',
      meta: { profile: [PROFILE.operationOutcome] },
      issue: [
        {
          severity: 'error',
          code: issueCode,
          details: { coding: [{ system: SYS.spineErrorStu3, code, display }] },
          ...(diagnostics ? { diagnostics } : {}),
        },
      ],
    },
  };
}

/** The SSP's own errors: a plain OperationOutcome whose display carries the Spine text ('SSP error responses'). */
export function sspOutcome(status: number, issueCode: string, display: string): SimResponse {
  return {
    status,
    body: {
      resourceType: 'OperationOutcome',
      issue: [
        {
          severity: 'error',
          code: issueCode,
          details: {
            coding: [
              {
                system: 'https://fhir.nhs.uk/StructureDefinition/spine-operationoutcome-1',
                code: String(status),
                display,
              },
            ],
          },
          diagnostics: display,
        },
      ],
    },
  };
}
