/**
 * Requests SDS itself must refuse (facts §5.2): a search missing its parameters (400), a path that is no
 * resource (404), a method other than GET (405), an Accept it cannot serve (406). Each probe names what
 * it changes from an honest Endpoint search.
 */
import type { HttpResult } from '../spine/http';
import { sdsRequest } from '../spine/sds-client';
import { SYS } from '../spine/systems';
import type { GpcWorld } from './world';
import { need } from './stages';

interface SdsProbe {
  method?: string;
  path: (ods: string) => string;
  accept?: string;
}

const endpointSearch = (ods: string) => `/Endpoint?organization=${encodeURIComponent(`${SYS.odsOrg}|${ods}`)}`;

const PROBES: Record<string, SdsProbe> = {
  'an Endpoint search with only an organization': { path: endpointSearch },
  'a path that is no SDS resource': { path: () => '/Practitioner?name=x' },
  'a POST to Endpoint': { method: 'POST', path: endpointSearch },
  'an Accept of text/html': { path: endpointSearch, accept: 'text/html' },
};

export function probeSds(w: GpcWorld, name: string): Promise<HttpResult> {
  const probe = PROBES[name];
  if (!probe) throw new Error(`unknown SDS probe "${name}"; known: ${Object.keys(PROBES).join(', ')}`);
  return sdsRequest(w.evidence, w.target, {
    path: probe.path(need(w, 'ods').ods),
    method: probe.method,
    accept: probe.accept,
    correlationId: w.correlationId,
  });
}
