/**
 * The provider-side request rules for the Spine edge (facts §2.2, §3, T12) as data. The embedded provider
 * enforces them in order; the harness reuses them to judge what it sends. Each rule names the status and
 * Spine code a conformant provider answers with (facts §3.4, §6).
 */
import { decodeJwt, bearerToken, JWT_LIFETIME_SECONDS, type Claims } from './gpc-jwt';
import type { Interaction } from '../interactions';

export interface RequestFacts {
  headers: Record<string, string | undefined>;
  /** The interaction the URL and method resolve to, when Ssp-InteractionID names one of the candidates. */
  interaction?: Interaction;
  /** Interactions the URL and method could be. */
  candidates: Interaction[];
  /** The provider's own ASID for the practice in the URL. */
  providerAsid: string;
  /** The service root the request came in under (aud). */
  serviceRoot: string;
  nowSeconds: number;
}

export interface EdgeRule {
  id: string;
  text: string;
  source: string;
  status: 400 | 422;
  spineCode: 'BAD_REQUEST' | 'INVALID_RESOURCE';
  /** Returns a problem description, or undefined when the request obeys the rule. */
  check(f: RequestFacts, claims: Claims | undefined): string | undefined;
}

const header = (f: RequestFacts, name: string) => f.headers[name.toLowerCase()];

function headerPresent(name: string, id: string): EdgeRule {
  return {
    id,
    text: `${name} header is present`,
    source: 'facts §2.2',
    status: 400,
    spineCode: 'BAD_REQUEST',
    check: (f) => (header(f, name) ? undefined : `${name} header is missing`),
  };
}

function claimPresent(claim: string, id: string): EdgeRule {
  return {
    id,
    text: `JWT claim ${claim} is present`,
    source: 'facts §3.2, §3.4',
    status: 400,
    spineCode: 'BAD_REQUEST',
    check: (_f, c) => (c && c[claim] !== undefined && c[claim] !== null && c[claim] !== '' ? undefined : `JWT claim ${claim} is missing`),
  };
}

function resourceClaim(claim: string, resourceType: string, id: string): EdgeRule {
  return {
    id,
    text: `JWT claim ${claim} is a ${resourceType} resource`,
    source: 'facts §3.2, §3.4',
    status: 422,
    spineCode: 'INVALID_RESOURCE',
    check: (_f, c) => {
      const r = c?.[claim] as { resourceType?: unknown; identifier?: unknown } | undefined;
      if (!r || typeof r !== 'object' || Array.isArray(r)) return `JWT claim ${claim} is not a FHIR resource`;
      if (r.resourceType !== resourceType) return `JWT claim ${claim} has resourceType ${JSON.stringify(r.resourceType)}, expected ${resourceType}`;
      if (!Array.isArray(r.identifier) || r.identifier.length === 0) return `JWT claim ${claim} has no identifier`;
      return undefined;
    },
  };
}

const intClaim = (c: Claims | undefined, k: string) => (Number.isInteger(c?.[k]) ? (c![k] as number) : undefined);

export const EDGE_RULES: readonly EdgeRule[] = [
  headerPresent('Ssp-TraceID', 'HDR-TRACEID'),
  headerPresent('Ssp-From', 'HDR-FROM'),
  headerPresent('Ssp-To', 'HDR-TO'),
  headerPresent('Ssp-InteractionID', 'HDR-INTERACTIONID'),
  {
    id: 'HDR-INTERACTION-MATCH',
    text: 'Ssp-InteractionID matches the operation and URL',
    source: 'facts §2.2, T12',
    status: 400,
    spineCode: 'BAD_REQUEST',
    check: (f) => (f.interaction ? undefined : `Ssp-InteractionID ${header(f, 'Ssp-InteractionID')} does not match this URL (expected ${f.candidates.map((c) => c.interactionId).join(' or ') || 'none'})`),
  },
  {
    id: 'HDR-TO-ASID',
    text: "Ssp-To is the provider's ASID for this endpoint",
    source: 'facts §2.4, T12',
    status: 400,
    spineCode: 'BAD_REQUEST',
    check: (f) => (header(f, 'Ssp-To') === f.providerAsid ? undefined : `Ssp-To ${header(f, 'Ssp-To')} is not this provider's ASID ${f.providerAsid}`),
  },
  {
    id: 'JWT-BEARER',
    text: 'Authorization carries a Bearer JWT of three base64url parts',
    source: 'facts §3.1',
    status: 400,
    spineCode: 'BAD_REQUEST',
    check: (f) => {
      const token = bearerToken(header(f, 'Authorization'));
      if (!token) return 'Authorization header is missing or not a Bearer token';
      const d = decodeJwt(token);
      return d.ok ? undefined : `JWT is malformed: ${d.problem}`;
    },
  },
  claimPresent('iss', 'JWT-ISS'),
  claimPresent('aud', 'JWT-AUD'),
  claimPresent('exp', 'JWT-EXP'),
  claimPresent('iat', 'JWT-IAT'),
  claimPresent('reason_for_request', 'JWT-REASON'),
  claimPresent('requested_scope', 'JWT-SCOPE'),
  claimPresent('requesting_device', 'JWT-DEVICE'),
  claimPresent('requesting_organization', 'JWT-ORGANIZATION'),
  claimPresent('requesting_practitioner', 'JWT-PRACTITIONER'),
  {
    id: 'JWT-LIFETIME',
    text: `exp is exactly iat + ${JWT_LIFETIME_SECONDS}`,
    source: 'facts §3.2, §3.4',
    status: 400,
    spineCode: 'BAD_REQUEST',
    check: (_f, c) => {
      const exp = intClaim(c, 'exp');
      const iat = intClaim(c, 'iat');
      if (exp === undefined || iat === undefined) return 'exp and iat must be integer seconds';
      return exp - iat === JWT_LIFETIME_SECONDS ? undefined : `exp - iat is ${exp - iat}, expected ${JWT_LIFETIME_SECONDS}`;
    },
  },
  {
    id: 'JWT-EXPIRED',
    text: 'the token has not expired',
    source: 'facts §3.2, §3.4',
    status: 400,
    spineCode: 'BAD_REQUEST',
    check: (f, c) => ((intClaim(c, 'exp') ?? 0) > f.nowSeconds ? undefined : `token expired at ${intClaim(c, 'exp')}, now ${f.nowSeconds}`),
  },
  {
    id: 'JWT-REASON-VALUE',
    text: 'reason_for_request is directcare',
    source: 'facts §3.2',
    status: 400,
    spineCode: 'BAD_REQUEST',
    check: (_f, c) => (c?.reason_for_request === 'directcare' ? undefined : `reason_for_request is ${JSON.stringify(c?.reason_for_request)}, expected "directcare"`),
  },
  {
    id: 'JWT-SCOPE-MATCH',
    text: "requested_scope fits the interaction",
    source: 'facts §3.2',
    status: 400,
    spineCode: 'BAD_REQUEST',
    check: (f, c) => (!f.interaction || c?.requested_scope === f.interaction.scope ? undefined : `requested_scope ${JSON.stringify(c?.requested_scope)} does not fit ${f.interaction.name} (expected ${f.interaction.scope})`),
  },
  {
    id: 'JWT-AUD-ROOT',
    text: 'aud is the provider service root URL',
    source: 'facts §3.2',
    status: 400,
    spineCode: 'BAD_REQUEST',
    check: (f, c) => (c?.aud === f.serviceRoot ? undefined : `aud ${JSON.stringify(c?.aud)} is not the service root ${f.serviceRoot}`),
  },
  resourceClaim('requesting_device', 'Device', 'JWT-DEVICE-RESOURCE'),
  resourceClaim('requesting_practitioner', 'Practitioner', 'JWT-PRACTITIONER-RESOURCE'),
  resourceClaim('requesting_organization', 'Organization', 'JWT-ORGANIZATION-RESOURCE'),
  {
    id: 'JWT-SUB',
    text: 'sub equals requesting_practitioner.id',
    source: 'facts §3.2',
    status: 400,
    spineCode: 'BAD_REQUEST',
    check: (_f, c) => {
      const id = (c?.requesting_practitioner as { id?: unknown } | undefined)?.id;
      return c?.sub === id ? undefined : `sub ${JSON.stringify(c?.sub)} is not requesting_practitioner.id ${JSON.stringify(id)}`;
    },
  },
];

export interface RuleBreach {
  rule: EdgeRule;
  problem: string;
}

/** The first rule a request breaks, in table order (headers before token before claims), or undefined. */
export function firstBreach(f: RequestFacts, rules: readonly EdgeRule[] = EDGE_RULES): RuleBreach | undefined {
  const token = bearerToken(f.headers['authorization']);
  const decoded = token ? decodeJwt(token) : undefined;
  const claims = decoded?.ok ? decoded.claims : undefined;
  for (const rule of rules) {
    const problem = rule.check(f, claims);
    if (problem) return { rule, problem };
  }
  return undefined;
}
