/**
 * PDS FHIR R4 trace (WE-1a, CON-PDS-REQUEST-ID): GET /Patient/{nhsNumber} with a fresh X-Request-ID, reused on retry.
 * Authorised by a static access token from the target, or (pds.auth) by the application-restricted signed-JWT
 * flow: a cached token, fetched once more when PDS answers 401.
 */
import { randomUUID } from 'node:crypto';
import type { Target } from '../config/target';
import { send, type EvidenceLog, type HttpResult } from './http';
import { PdsTokenSource, withPdsToken } from './pds-auth';

export interface TraceOptions {
  /** Leave X-Request-ID out, to probe PDS's own 400. */
  omitRequestId?: boolean;
  correlationId?: string;
}

/** One token source per auth block, so the token is cached across scenarios (keyed weakly: a new target, a new cache). */
const SOURCES = new WeakMap<object, PdsTokenSource>();

function tokenSource(target: Target): PdsTokenSource | undefined {
  const auth = target.pds.auth;
  if (!auth) return undefined;
  let source = SOURCES.get(auth);
  if (!source) SOURCES.set(auth, (source = new PdsTokenSource({ ...auth, timeoutMs: target.pds.timeoutMs })));
  return source;
}

export function tracePatient(
  log: EvidenceLog,
  target: Target,
  nhsNumber: string,
  opts: TraceOptions = {},
): Promise<HttpResult> {
  const headers: Record<string, string> = { Accept: 'application/fhir+json' };
  if (!opts.omitRequestId) headers['X-Request-ID'] = randomUUID();
  if (opts.correlationId) headers['X-Correlation-ID'] = opts.correlationId;
  if (target.pds.endUserOrganisationOds) headers['NHSD-End-User-Organisation-ODS'] = target.pds.endUserOrganisationOds;
  const get = (token?: string) =>
    send(log, {
      hop: 'pds',
      method: 'GET',
      url: `${target.pds.baseUrl}/Patient/${encodeURIComponent(nhsNumber)}`,
      headers: token ? { ...headers, Authorization: `Bearer ${token}` } : headers,
      timeoutMs: target.pds.timeoutMs ?? 10_000,
      retries: 1,
    });
  const source = tokenSource(target);
  return source ? withPdsToken(source, log, get) : get(target.pds.accessToken);
}
