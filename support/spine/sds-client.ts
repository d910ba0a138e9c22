/** SDS FHIR R4 two-step lookup (facts §5.2, T13): Endpoint by ODS + interaction, then Device by ODS + interaction + party key. */
import type { Target } from '../config/target';
import { SYS } from './systems';
import { send, type EvidenceLog, type HttpResult } from './http';

const token = (system: string, value: string) => `${system}|${value}`;

function search(log: EvidenceLog, target: Target, resource: 'Endpoint' | 'Device', params: [string, string][], correlationId?: string): Promise<HttpResult> {
  const query = params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
  const headers: Record<string, string> = { Accept: 'application/fhir+json', apikey: target.sds.apiKey };
  if (correlationId) headers['X-Correlation-Id'] = correlationId;
  return send(log, {
    hop: 'sds',
    method: 'GET',
    url: `${target.sds.baseUrl}/${resource}?${query}`,
    headers,
    timeoutMs: target.sds.timeoutMs ?? 10_000,
    retries: 1,
  });
}

export function findEndpoints(log: EvidenceLog, target: Target, ods: string, interactionId: string, correlationId?: string): Promise<HttpResult> {
  return search(log, target, 'Endpoint', [['organization', token(SYS.odsOrg, ods)], ['identifier', token(SYS.interactionId, interactionId)]], correlationId);
}

export function findDevices(log: EvidenceLog, target: Target, ods: string, interactionId: string, partyKey: string, correlationId?: string): Promise<HttpResult> {
  return search(
    log,
    target,
    'Device',
    [['organization', token(SYS.odsOrg, ods)], ['identifier', token(SYS.interactionId, interactionId)], ['identifier', token(SYS.partyKey, partyKey)]],
    correlationId,
  );
}
