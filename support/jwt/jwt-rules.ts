/**
 * The provider-side request rules for the Spine edge (HDR-*, JWT-*, TOP-T12) as data. The embedded provider
 * enforces them in order; the harness reuses them to judge what it sends. Each rule names the status and
 * Spine code a conformant provider answers with (each rule's own JWT or HDR ID; FMT-ERROR-OUTCOME), and, where one exists, its probe: the
 * one wrong request that breaks this rule and no other, so a provider that skips the rule is caught.
 *
 * Each rule checks one thing. A value rule (lifetime, scope, aud…) passes when its claim or header is
 * absent: absence is the presence rule's breach. That keeps every probe caught by exactly one rule.
 */
import { bearerToken, decodeJwt, decodeJwtSegment, JWT_HEADER, JWT_LIFETIME_SECONDS, type Claims } from './gpc-jwt';
import { interaction, type Interaction } from '../interactions';
import { behaviour, type AnswerRuleId, type EdgeRuleId } from '../domain/catalogue';
import { ANSWER } from '../domain/behaviours/edge';
import { providerLenientFault } from '../domain/faults';
import { EDGE_REFUSAL_CODES, isEdgeRefusalCode, type EdgeRefusalCode } from '../domain/spine-codes';
import type { JwtVariant } from '../versions';
import type { Probe } from './edge-probe';
import { expectedScope, reasonsAllowed, scopeFits } from './jwt-variant-rules';

export type { Probe } from './edge-probe';

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
  /** The JWT rule variant of the spec version served under this root (support/versions.ts); default gpc-1.2. */
  jwtVariant?: JwtVariant;
}

/** The rule's record in the catalogue (support/domain/behaviours/edge.ts): ID, text, source and refusal. */
export interface EdgeRule {
  /** An EdgeRuleId for EDGE_RULES; a simulator's over-strict extras file theirs under one too. */
  id: string;
  text: string;
  source: string;
  status: number;
  spineCode: EdgeRefusalCode;
  /** Returns a problem description, or undefined when the request obeys the rule. */
  check(f: RequestFacts, claims: Claims | undefined): string | undefined;
  /** Every rule of EDGE_RULES has one (the lenient-modes meta-test checks); a simulator's extra rules need none. */
  probe?: Probe;
  /** What the rule says on each JWT variant, when that differs (JWT-REASON-VALUE, JWT-SCOPE-MATCH); absent: the same on every version. */
  variants?: Record<JwtVariant, string>;
}

const header = (f: RequestFacts, name: string) => f.headers[name.toLowerCase()];
const present = (v: unknown) => v !== undefined && v !== null && v !== '';

/** What the catalogue says of an edge rule: its text, its public source and the refusal it answers. */
function edge(id: EdgeRuleId): Pick<EdgeRule, 'id' | 'text' | 'source' | 'status' | 'spineCode'> {
  const record = behaviour(id);
  const [refusal] = record.answers;
  if (!refusal || !isEdgeRefusalCode(refusal.code))
    throw new Error(`edge rule ${id} names no edge refusal code (${EDGE_REFUSAL_CODES.join(', ')}) in the catalogue`);
  return { id, text: record.text, source: record.source, status: refusal.status, spineCode: refusal.code };
}

function headerPresent(name: string, id: EdgeRuleId): EdgeRule {
  return {
    ...edge(id),
    check: (f) => (header(f, name) ? undefined : `${name} header is missing`),
    probe: { wrong: `no ${name} header`, headers: { [name]: null }, straightToProvider: true },
  };
}

function claimPresent(claim: string, id: EdgeRuleId): EdgeRule {
  return {
    ...edge(id),
    check: (_f, c) => (present(c?.[claim]) ? undefined : `JWT claim ${claim} is missing`),
    probe: { wrong: `no ${claim} claim`, claims: { [claim]: undefined } },
  };
}

function resourceClaim(claim: string, resourceType: string, id: EdgeRuleId, wrongType: string): EdgeRule {
  return {
    ...edge(id),
    check: (_f, c) => {
      if (!present(c?.[claim])) return undefined;
      const r = c![claim] as { resourceType?: unknown; identifier?: unknown };
      if (typeof r !== 'object' || Array.isArray(r)) return `JWT claim ${claim} is not a FHIR resource`;
      if (r.resourceType !== resourceType)
        return `JWT claim ${claim} has resourceType ${JSON.stringify(r.resourceType)}, expected ${resourceType}`;
      if (!Array.isArray(r.identifier) || r.identifier.length === 0) return `JWT claim ${claim} has no identifier`;
      return undefined;
    },
    probe: { wrong: `${claim} with resourceType ${wrongType}`, claims: { [claim]: { resourceType: wrongType } } },
  };
}

const intClaim = (c: Claims | undefined, k: string) => (Number.isInteger(c?.[k]) ? (c![k] as number) : undefined);

/** The GP Connect JWT header in padded standard base64: the right JSON, but not base64url (JWT-BEARER). */
export const STANDARD_BASE64_JWT_HEADER = Buffer.from(JSON.stringify(JWT_HEADER)).toString('base64');

export const EDGE_RULES: readonly EdgeRule[] = [
  headerPresent('Ssp-TraceID', 'HDR-TRACEID'),
  headerPresent('Ssp-From', 'HDR-FROM'),
  headerPresent('Ssp-To', 'HDR-TO'),
  headerPresent('Ssp-InteractionID', 'HDR-INTERACTIONID'),
  {
    ...edge('HDR-INTERACTION-MATCH'),
    check: (f) =>
      f.interaction || !header(f, 'Ssp-InteractionID')
        ? undefined
        : `Ssp-InteractionID ${header(f, 'Ssp-InteractionID')} does not match this URL (expected ${f.candidates.map((c) => c.interactionId).join(' or ') || 'none'})`,
    // The slot search's ID on /metadata: the SSP forwards it (the slot root is the same root).
    probe: {
      wrong: 'the slot search interaction ID on /metadata',
      headers: { 'Ssp-InteractionID': interaction('search free slots').interactionId },
    },
  },
  {
    ...edge('HDR-TO-ASID'),
    check: (f) =>
      !header(f, 'Ssp-To') || header(f, 'Ssp-To') === f.providerAsid
        ? undefined
        : `Ssp-To ${header(f, 'Ssp-To')} is not this provider's ASID ${f.providerAsid}`,
    // The SSP routes on Ssp-To, so through it a foreign ASID is the SSP's refusal (SSP-PARTYKEY).
    probe: {
      wrong: "Ssp-To an ASID that is not the provider's",
      headers: { 'Ssp-To': '000000000000' },
      straightToProvider: true,
    },
  },
  {
    ...edge('JWT-BEARER'),
    check: (f) => {
      const token = bearerToken(header(f, 'Authorization'));
      if (!token) return 'Authorization header is missing or not a Bearer token';
      const d = decodeJwt(token);
      return d.ok ? undefined : `JWT is malformed: ${d.problem}`;
    },
    probe: {
      wrong: 'a JWT header in padded standard base64, not base64url',
      encodedJwtHeader: STANDARD_BASE64_JWT_HEADER,
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
    ...edge('JWT-LIFETIME'),
    check: (_f, c) => {
      if (!present(c?.exp) || !present(c?.iat)) return undefined;
      const exp = intClaim(c, 'exp');
      const iat = intClaim(c, 'iat');
      if (exp === undefined || iat === undefined) return 'exp and iat must be integer seconds';
      return exp - iat === JWT_LIFETIME_SECONDS
        ? undefined
        : `exp - iat is ${exp - iat}, expected ${JWT_LIFETIME_SECONDS}`;
    },
    probe: { wrong: 'exp - iat = 301', timing: { iatFromNow: 0, lifetime: JWT_LIFETIME_SECONDS + 1 } },
  },
  {
    ...edge('JWT-EXPIRED'),
    check: (f, c) => {
      const exp = intClaim(c, 'exp');
      return exp === undefined || exp > f.nowSeconds ? undefined : `token expired at ${exp}, now ${f.nowSeconds}`;
    },
    probe: { wrong: 'iat 600 s ago, so exp 300 s ago', timing: { iatFromNow: -600, lifetime: JWT_LIFETIME_SECONDS } },
  },
  {
    ...edge('JWT-REASON-VALUE'),
    check: (f, c) => {
      if (!present(c?.reason_for_request)) return undefined;
      const allowed = reasonsAllowed(f.jwtVariant, f.interaction);
      return allowed.includes(c?.reason_for_request as string)
        ? undefined
        : `reason_for_request is ${JSON.stringify(c?.reason_for_request)}, expected ${allowed.map((r) => `"${r}"`).join(' or ')}`;
    },
    probe: { wrong: 'reason_for_request "secondaryuses"', claims: { reason_for_request: 'secondaryuses' } },
    variants: {
      'gpc-1.2': 'reason_for_request is directcare',
      'gpc-1.6': 'reason_for_request is directcare, or migration on the migrate interactions',
    },
  },
  {
    ...edge('JWT-SCOPE-MATCH'),
    check: (f, c) =>
      !f.interaction || !present(c?.requested_scope) || scopeFits(f.jwtVariant, f.interaction, c?.requested_scope)
        ? undefined
        : `requested_scope ${JSON.stringify(c?.requested_scope)} does not fit ${f.interaction.name} (expected ${expectedScope(f.jwtVariant, f.interaction)})`,
    probe: { wrong: 'requested_scope patient/*.read on /metadata', claims: { requested_scope: 'patient/*.read' } },
    variants: {
      'gpc-1.2': 'requested_scope is exactly the interaction scope',
      'gpc-1.6': 'requested_scope is the interaction scope, optionally followed by one of conf/N, conf/R',
    },
  },
  {
    ...edge('JWT-AUD-ROOT'),
    check: (f, c) =>
      !present(c?.aud) || c?.aud === f.serviceRoot
        ? undefined
        : `aud ${JSON.stringify(c?.aud)} is not the service root ${f.serviceRoot}`,
    // The aud of the obsolete sample token on the spec page (JWT-AUD-ROOT).
    probe: {
      wrong: 'aud the obsolete https://authorize.fhir.nhs.net/token',
      claims: { aud: 'https://authorize.fhir.nhs.net/token' },
    },
  },
  resourceClaim('requesting_device', 'Device', 'JWT-DEVICE-RESOURCE', 'Patient'),
  resourceClaim('requesting_practitioner', 'Practitioner', 'JWT-PRACTITIONER-RESOURCE', 'Patient'),
  resourceClaim('requesting_organization', 'Organization', 'JWT-ORGANIZATION-RESOURCE', 'Practitioner'),
  {
    ...edge('JWT-SUB'),
    check: (_f, c) => {
      if (!present(c?.requesting_practitioner)) return undefined;
      const id = (c?.requesting_practitioner as { id?: unknown }).id;
      return c?.sub === id
        ? undefined
        : `sub ${JSON.stringify(c?.sub)} is not requesting_practitioner.id ${JSON.stringify(id)}`;
    },
    probe: { wrong: 'sub not the practitioner id', claims: { sub: 'someone-else' } },
  },
];

export interface RuleBreach {
  rule: EdgeRule;
  problem: string;
}

/**
 * The claims of a bearer token, read from its payload alone: a header that is not base64url is
 * JWT-BEARER's breach, and the claim rules still judge the claims.
 */
export function claimsOf(authorization: string | undefined): Claims | undefined {
  const payload = bearerToken(authorization)?.split('.')[1];
  if (payload === undefined) return undefined;
  try {
    return decodeJwtSegment(payload, 'payload') as Claims;
  } catch {
    return undefined;
  }
}

/** The first rule a request breaks, in table order (headers before token before claims), or undefined. */
export function firstBreach(f: RequestFacts, rules: readonly EdgeRule[] = EDGE_RULES): RuleBreach | undefined {
  const claims = claimsOf(f.headers['authorization']);
  for (const rule of rules) {
    const problem = rule.check(f, claims);
    if (problem) return { rule, problem };
  }
  return undefined;
}

/** The claims a probe sends: overrides merged into the well-formed claims, timing applied. */
export function probeClaims(wellFormed: Claims, probe: Pick<Probe, 'claims' | 'timing'>, nowSeconds: number): Claims {
  const out: Claims = { ...wellFormed };
  if (probe.timing) {
    out.iat = nowSeconds + probe.timing.iatFromNow;
    out.exp = (out.iat as number) + probe.timing.lifetime;
  }
  for (const [k, v] of Object.entries(probe.claims ?? {})) {
    const base = out[k];
    if (v === undefined) delete out[k];
    else out[k] = isObject(v) && isObject(base) ? { ...base, ...v } : v;
  }
  return out;
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * The provider's answer-side edge rules (FMT-*, FMT-ERROR-OUTCOME): how it answers rather than what it refuses. They
 * are not request checks, so firstBreach does not run them; the provider applies them as it writes.
 */
export interface AnswerRule {
  id: AnswerRuleId;
  text: string;
  source: string;
}

export const ANSWER_RULES: readonly AnswerRule[] = ANSWER.map(({ id }) => {
  const { text, source } = behaviour(id);
  return { id, text, source };
});

/** The fault that makes the embedded provider skip one rule (a lenient provider), for the meta-test. */
export const lenientFault = providerLenientFault;
