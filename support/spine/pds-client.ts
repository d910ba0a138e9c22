/** PDS FHIR R4 trace (facts §5.1): GET /Patient/{nhsNumber} with a fresh X-Request-ID, reused on retry. */
import { randomUUID } from 'node:crypto';
import type { Target } from '../config/target';
import { send, type EvidenceLog, type HttpResult } from './http';

export interface TraceOptions {
  /** Leave X-Request-ID out, to probe PDS's own 400. */
  omitRequestId?: boolean;
  correlationId?: string;
}

export function tracePatient(log: EvidenceLog, target: Target, nhsNumber: string, opts: TraceOptions = {}): Promise<HttpResult> {
  const headers: Record<string, string> = { Accept: 'application/fhir+json' };
  if (!opts.omitRequestId) headers['X-Request-ID'] = randomUUID();
  if (opts.correlationId) headers['X-Correlation-ID'] = opts.correlationId;
  if (target.pds.accessToken) headers['Authorization'] = `Bearer ${target.pds.accessToken}`;
  if (target.pds.endUserOrganisationOds) headers['NHSD-End-User-Organisation-ODS'] = target.pds.endUserOrganisationOds;
  return send(log, {
    hop: 'pds',
    method: 'GET',
    url: `${target.pds.baseUrl}/Patient/${encodeURIComponent(nhsNumber)}`,
    headers,
    timeoutMs: target.pds.timeoutMs ?? 10_000,
    retries: 1,
  });
}
