/** SDS FHIR R4 two-step lookup (CON-SDS-TWO-STEP, TOP-T13): Endpoint by ODS + interaction, then Device by ODS + interaction + party key. */
import type { Target } from '../config/target';
import { SYS } from './systems';
import { send, type EvidenceLog, type HttpResult } from './http';

const token = (system: string, value: string) => `${system}|${value}`;

/** What varies between SDS requests; the apikey, Accept, timeout and hop are the same for all of them. */
export interface SdsRequest {
  /** Path and query after the base URL, e.g. `/Endpoint?organization=…`. */
  path: string;
  method?: string;
  accept?: string;
  correlationId?: string;
  retries?: number;
}

/** Every SDS call the harness makes goes through here, so the target's apikey is sent (and redacted) once. */
export function sdsRequest(log: EvidenceLog, target: Target, r: SdsRequest): Promise<HttpResult> {
  const headers: Record<string, string> = { Accept: r.accept ?? 'application/fhir+json', apikey: target.sds.apiKey };
  if (r.correlationId) headers['X-Correlation-Id'] = r.correlationId;
  return send(log, {
    hop: 'sds',
    method: r.method ?? 'GET',
    url: `${target.sds.baseUrl}${r.path}`,
    headers,
    timeoutMs: target.sds.timeoutMs ?? 10_000,
    ...(r.retries ? { retries: r.retries } : {}),
  });
}

/** A search by repeated parameters: `[['identifier', a], ['identifier', b]]` keeps both. */
export function sdsSearch(
  log: EvidenceLog,
  target: Target,
  resource: 'Endpoint' | 'Device',
  params: [string, string][],
  correlationId?: string,
): Promise<HttpResult> {
  const query = params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
  return sdsRequest(log, target, { path: `/${resource}?${query}`, correlationId, retries: 1 });
}

/** The two parameters every GP Connect lookup starts from: the practice's ODS code and the interaction. */
const odsAndInteraction = (ods: string, interactionId: string): [string, string][] => [
  ['organization', token(SYS.odsOrg, ods)],
  ['identifier', token(SYS.interactionId, interactionId)],
];

export function findEndpoints(
  log: EvidenceLog,
  target: Target,
  ods: string,
  interactionId: string,
  correlationId?: string,
): Promise<HttpResult> {
  return sdsSearch(log, target, 'Endpoint', odsAndInteraction(ods, interactionId), correlationId);
}

export function findDevices(
  log: EvidenceLog,
  target: Target,
  ods: string,
  interactionId: string,
  partyKey: string,
  correlationId?: string,
): Promise<HttpResult> {
  const params: [string, string][] = [
    ...odsAndInteraction(ods, interactionId),
    ['identifier', token(SYS.partyKey, partyKey)],
  ];
  return sdsSearch(log, target, 'Device', params, correlationId);
}

/**
 * The Device search by ODS and interaction alone: the pre-1.2.3 query TOP-T13 forbids a consumer, and what
 * finds consumers' AS records too (they have no MHS record, so no party key).
 */
export function findDevicesWithoutPartyKey(
  log: EvidenceLog,
  target: Target,
  ods: string,
  interactionId: string,
): Promise<HttpResult> {
  return sdsSearch(log, target, 'Device', odsAndInteraction(ods, interactionId));
}
