/**
 * Requests SDS itself must refuse (WE-2e): a search missing its parameters (400), a path that is no
 * resource (404), a method other than GET (405), an Accept it cannot serve (406). Each probe breaks exactly
 * one rule of an honest Endpoint search: the real SDS checks the query before Accept, so a probe that also
 * dropped a parameter would be answered 400 for that and prove nothing about Accept.
 */
import { interaction } from '../interactions';
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

const organization = (ods: string) => `organization=${encodeURIComponent(`${SYS.odsOrg}|${ods}`)}`;
const interactionParam = (id: string) => `identifier=${encodeURIComponent(`${SYS.interactionId}|${id}`)}`;
const METADATA = interaction('read metadata').interactionId;
/** The honest Endpoint search the probes start from. */
const honestSearch = (ods: string) => `/Endpoint?${organization(ods)}&${interactionParam(METADATA)}`;

const PROBES: Record<string, SdsProbe> = {
  'an Endpoint search with only an organization': { path: (ods) => `/Endpoint?${organization(ods)}` },
  'a path that is no SDS resource': { path: () => '/Practitioner?name=x' },
  'a POST to Endpoint': { method: 'POST', path: honestSearch },
  'an Accept of text/html': { path: honestSearch, accept: 'text/html' },
  // Part of the interaction ID (its last segment cut off): an exact-matching SDS finds nothing.
  'an Endpoint search for part of an interaction ID': {
    path: (ods) => `/Endpoint?${organization(ods)}&${interactionParam(METADATA.slice(0, METADATA.lastIndexOf(':')))}`,
  },
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
