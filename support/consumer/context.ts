/**
 * What the judge knows at each recorded request: what the consumer had learned from earlier answers (the
 * roots and party keys SDS returned, the NHS numbers PDS traced) and, for a GP Connect request, how its SSP
 * URL, headers and JWT read. Consumer rules are about sequence as much as shape — "aud is the root SDS
 * returned earlier" — so the context is folded over the recording in order.
 */
import { bearerToken, decodeJwtSegment, type Claims } from '../jwt/gpc-jwt';
import { claimsOf } from '../jwt/jwt-rules';
import {
  CAPABILITY_SEGMENT,
  interactionById,
  matchInteractions,
  type Capability,
  type Interaction,
} from '../interactions';
import { identifierValue, ofType, type Resource } from '../fhir/bundle';
import { SYS } from '../spine/systems';
import type { RecordedRequest } from './recording';
import type { ConsumerCache } from './cache';

export interface Seen {
  /** Endpoint.address → the capability of the interaction the consumer looked it up for. */
  roots: Map<string, Capability>;
  /** Party keys of the Endpoints SDS returned. */
  partyKeys: Set<string>;
  /** NHS numbers PDS answered a trace for (the number asked and the record's own id) → when (ISO 8601). */
  traced: Map<string, string>;
  /** Endpoint.address → when SDS returned it (ISO 8601): a cached root counts only within its window. */
  rootsAt: Map<string, string>;
  /** Provider Patient id → NHS number, from find-patient answers: a booking names the patient by id. */
  providerPatients: Map<string, string>;
}

export interface GpcView {
  /** The URL after the SSP's own prefix: the service root and the FHIR request. */
  targetUrl: string;
  /** The service root part of the URL, exactly as sent (a trailing slash stays). */
  urlRoot?: string;
  urlOds?: string;
  urlCapability?: Capability;
  path: string;
  query: URLSearchParams;
  /** The token's claims, read from its payload alone (undefined when there is no token or it does not decode). */
  claims?: Claims;
  /** The token's JOSE header and signature part, when it has three parts and the header decodes. */
  jose?: { header: Record<string, unknown>; signature: string };
  /** The interaction Ssp-InteractionID names. */
  named?: Interaction;
  /** Interactions the URL and method could be. */
  candidates: Interaction[];
  body?: Resource;
}

const json = (text: string | undefined): Resource | undefined => {
  try {
    const v: unknown = JSON.parse(text ?? '');
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Resource) : undefined;
  } catch {
    return undefined;
  }
};

const queryOf = (url: string) => new URLSearchParams(url.includes('?') ? url.slice(url.indexOf('?') + 1) : '');
/** Values of a token parameter (`system|value`) with the given system. */
const tokens = (q: URLSearchParams, name: string, system: string) =>
  q
    .getAll(name)
    .filter((v) => v.startsWith(`${system}|`))
    .map((v) => v.slice(system.length + 1));

/** Longest segment first, so `gpconnect/structured` is not read as `gpconnect` followed by a path. */
const SEGMENTS = (Object.entries(CAPABILITY_SEGMENT) as [Capability, string][]).sort(
  (a, b) => b[1].length - a[1].length,
);
const ROOT_IN_URL = new RegExp(`^(.*?/([0-9A-Z]+)/STU3/\\d+/(${SEGMENTS.map(([, s]) => s).join('|')})/?)(/.*)$`);

/** The header and signature of a three-part token; whether the token decodes at all is JWT-BEARER's. */
function joseOf(authorization: string | undefined): GpcView['jose'] {
  const parts = bearerToken(authorization)?.split('.') ?? [];
  if (parts.length !== 3) return undefined;
  try {
    return { header: decodeJwtSegment(parts[0], 'header'), signature: parts[2] };
  } catch {
    return undefined;
  }
}

/** Splits an SSP request's URL into the service root (WE-2b) and the FHIR request. */
export function gpcView(r: RecordedRequest): GpcView {
  const targetUrl = r.url.replace(/^\//, '');
  const [beforeQuery] = targetUrl.split('?');
  const m = ROOT_IN_URL.exec(beforeQuery);
  const urlCapability = m ? SEGMENTS.find(([, s]) => s === m[3])?.[0] : undefined;
  const path = m ? m[4] : beforeQuery;
  const authorization = r.headers['authorization'];
  const named = interactionById(r.headers['ssp-interactionid'] ?? '');
  return {
    targetUrl,
    urlRoot: m?.[1],
    urlOds: m?.[2],
    urlCapability,
    path,
    query: queryOf(r.url),
    claims: claimsOf(authorization),
    jose: joseOf(authorization),
    named,
    candidates: urlCapability ? matchInteractions(urlCapability, r.method, path).map((c) => c.interaction) : [],
    body: json(r.body),
  };
}

/** The NHS number parameter of a Parameters body ($gpc.getstructuredrecord, CON-ARS-PARAMETERS). */
function parameterNhsNumbers(body: Resource | undefined): string[] {
  if (body?.resourceType !== 'Parameters' || !Array.isArray(body.parameter)) return [];
  return (body.parameter as { name?: unknown; valueIdentifier?: { system?: unknown; value?: unknown } }[])
    .filter((p) => p?.name === 'patientNHSNumber' && p.valueIdentifier?.system === SYS.nhsNumber)
    .map((p) => String(p.valueIdentifier?.value ?? ''));
}

/**
 * The NHS numbers a GP Connect request is about: in a find-patient query, a booked Patient's id, or the
 * patientNHSNumber of a structured-record Parameters body.
 */
export function patientsNamed(g: GpcView, seen: Seen): string[] {
  const fromQuery = tokens(g.query, 'identifier', SYS.nhsNumber);
  const participants = Array.isArray(g.body?.participant)
    ? (g.body.participant as { actor?: { reference?: string } }[])
    : [];
  const fromBody = participants
    .map((p) => /^Patient\/(.+)$/.exec(p.actor?.reference ?? '')?.[1])
    .map((id) => (id ? (seen.providerPatients.get(id) ?? `provider patient ${id}`) : undefined))
    .filter((n): n is string => !!n);
  return [...fromQuery, ...fromBody, ...parameterNhsNumbers(g.body)];
}

export const emptySeen = (): Seen => ({
  roots: new Map(),
  partyKeys: new Set(),
  traced: new Map(),
  rootsAt: new Map(),
  providerPatients: new Map(),
});

/** What one answered request teaches the consumer. Only successful answers count. */
export function learn(seen: Seen, r: RecordedRequest): void {
  const answer = r.response.status < 300 ? json(r.response.body) : undefined;
  if (!answer) return;
  const path = r.url.split('?')[0];
  if (r.service === 'pds' && answer.resourceType === 'Patient') {
    seen.traced.set(decodeURIComponent(path.split('/').pop() ?? ''), r.at);
    if (answer.id) seen.traced.set(answer.id, r.at);
  }
  if (r.service === 'sds' && path.endsWith('/Endpoint')) {
    const capability = interactionById(tokens(queryOf(r.url), 'identifier', SYS.interactionId)[0] ?? '')?.capability;
    for (const e of ofType(answer, 'Endpoint')) {
      if (typeof e.address === 'string' && capability) {
        seen.roots.set(e.address, capability);
        seen.rootsAt.set(e.address, r.at);
      }
      const key = identifierValue(e, SYS.partyKey);
      if (key) seen.partyKeys.add(key);
    }
  }
  if (r.service === 'ssp') {
    for (const p of ofType(answer, 'Patient')) {
      const nhs = identifierValue(p, SYS.nhsNumber);
      if (p.id && nhs) seen.providerPatients.set(p.id, nhs);
    }
  }
}

/** What the consumer declared it held before the recording began, as if it had learned it then. */
export function seenFromCache(cache: ConsumerCache | undefined): Seen {
  const seen = emptySeen();
  for (const t of cache?.traced ?? []) seen.traced.set(t.nhsNumber, t.at);
  for (const e of cache?.endpoints ?? []) {
    seen.roots.set(e.address, e.capability);
    seen.rootsAt.set(e.address, e.at);
    if (e.partyKey) seen.partyKeys.add(e.partyKey);
  }
  return seen;
}

/** The Device search's party key identifiers (T13: the second step names the Endpoint's party key). */
export const devicePartyKeys = (r: RecordedRequest) => tokens(queryOf(r.url), 'identifier', SYS.partyKey);
