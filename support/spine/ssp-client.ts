/**
 * GP Connect through the SSP (SSP-URL, HDR-*, JWT-BEARER): URL = {ssp}/{root verbatim}{path}, the Ssp-* headers,
 * and a fresh unsigned JWT per request. Overrides exist so scenarios can send deliberately wrong requests.
 */
import { randomUUID } from 'node:crypto';
import type https from 'node:https';
import type { Target } from '../config/target';
import { buildGpcClaims, encodeUnsignedJwt, type Claims } from '../jwt/gpc-jwt';
import { interactionPath, type Interaction } from '../interactions';
import { FHIR_JSON_UTF8 } from './systems';
import { send, type EvidenceLog, type HttpResult } from './http';
import { SSP_RULES } from './ssp-rules';
import { tlsAgent } from './tls';

export interface GpcRequest {
  interaction: Interaction;
  /** Service root URL exactly as SDS returned it. */
  root: string;
  providerAsid: string;
  id?: string;
  /** Query string without `?`, already encoded. */
  query?: string;
  body?: unknown;
  /** Header overrides; a value of null removes the header. */
  headers?: Record<string, string | null>;
  /** Replaces claims in the JWT the harness would build; undefined values remove the claim. */
  claims?: Claims;
  /** Sent as Ssp-From instead of the consumer's ASID. */
  fromAsid?: string;
  /** Rewrites the encoded token (a signed or undecodable one, for a deliberately wrong consumer). */
  token?: (jwt: string) => string;
}

export function sspUrl(target: Target, root: string, path: string, query?: string): string {
  return `${target.ssp.baseUrl}/${root}${path}${query ? `?${query}` : ''}`;
}

/** One TLS agent per target (keep-alive across scenarios); keyed weakly, so a new target gets a new one. */
const AGENTS = new WeakMap<object, https.Agent>();

/**
 * The agent for the SSP leg: over https always TLS 1.2+, the Spine cipher list and the server name checked,
 * with the target's client certificate and CA bundle when it gives them (ssp.tls). Plain http (the embedded
 * simulators) needs none.
 */
export function sspAgent(target: Target): https.Agent | undefined {
  if (!target.ssp.baseUrl.startsWith('https://')) return undefined;
  let agent = AGENTS.get(target.ssp);
  if (!agent) AGENTS.set(target.ssp, (agent = tlsAgent(target.ssp.tls ?? {})));
  return agent;
}

export function sendGpc(log: EvidenceLog, target: Target, req: GpcRequest): Promise<HttpResult> {
  const claims = {
    ...buildGpcClaims({ consumer: target.consumer, interaction: req.interaction, audience: req.root }),
    ...req.claims,
  };
  for (const [k, v] of Object.entries(claims)) if (v === undefined) delete claims[k];
  const headers: Record<string, string | null> = {
    'Ssp-TraceID': randomUUID(),
    'Ssp-From': req.fromAsid ?? target.consumer.asid,
    'Ssp-To': req.providerAsid,
    'Ssp-InteractionID': req.interaction.interactionId,
    Authorization: `Bearer ${(req.token ?? ((jwt) => jwt))(encodeUnsignedJwt(claims))}`,
    Accept: FHIR_JSON_UTF8,
    ...(req.body !== undefined ? { 'Content-Type': FHIR_JSON_UTF8 } : {}),
    ...req.headers,
  };
  const finalHeaders = Object.fromEntries(Object.entries(headers).filter((e): e is [string, string] => e[1] !== null));
  return send(log, {
    hop: 'ssp',
    interaction: req.interaction.name,
    method: req.interaction.method,
    url: sspUrl(target, req.root, interactionPath(req.interaction, req.id), req.query),
    headers: finalHeaders,
    body: req.body === undefined ? undefined : typeof req.body === 'string' ? req.body : JSON.stringify(req.body),
    timeoutMs: target.ssp.timeoutMs ?? 10_000,
    streamBinary: req.interaction.responseType === 'Binary',
    agent: sspAgent(target),
  });
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Spine's own refusals (SSP-*) are the SSP's; anything else that came back is the provider's answer.
 * Built from SSP_RULES' names, so a rule added there is recognised here (a hand copy missed MISSING_HEADER
 * and blamed the provider for it); `SSP_` catches Spine codes no rule probes yet.
 */
export const SSP_ERROR = new RegExp(`(${[...SSP_RULES.map((r) => escapeRegex(r.names)), 'SSP_'].join('|')})`);

/** Statuses only the SSP writes (GP Connect 'Spine Secure Proxy' page, §SSP error responses): 495 bad client certificate, 496 none sent, 497 HTTP to the HTTPS port. */
const SSP_TLS_STATUSES = new Set([495, 496, 497]);

export function hopOfSspAnswer(result: HttpResult): 'ssp' | 'provider' {
  if (result.transport) return 'ssp';
  if (result.status === 502 || result.status === 504 || SSP_TLS_STATUSES.has(result.status ?? 0)) return 'ssp';
  return SSP_ERROR.test(result.text) && !result.text.includes('GPConnect-OperationOutcome-1') ? 'ssp' : 'provider';
}
