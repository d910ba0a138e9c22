/**
 * The decoded JWT of an exchange judged claim by claim against EDGE_RULES, for the claims table in
 * index.html. Which claims a rule is about is read from its probe (the claims it overrides, or iat and exp
 * for a timing probe), so a new rule in the table shows up here without a second list to keep in step.
 */
import type { Exchange } from '../evidence/types';
import type { Claims } from '../jwt/gpc-jwt';
import { EDGE_RULES, type EdgeRule, type RequestFacts } from '../jwt/jwt-rules';
import { INTERACTIONS, type Interaction } from '../interactions';
import { jwtVariantOf } from '../versions';

export interface RuleVerdict {
  id: string;
  text: string;
  /** undefined when the claims obey the rule. */
  problem?: string;
}

export interface ClaimRow {
  claim: string;
  value: unknown;
  verdicts: RuleVerdict[];
}

const TIMING_CLAIMS = ['iat', 'exp'];

function claimsOfRule(rule: EdgeRule): string[] {
  return [...Object.keys(rule.probe?.claims ?? {}), ...(rule.probe?.timing ? TIMING_CLAIMS : [])];
}

const CLAIM_RULES: readonly { rule: EdgeRule; claims: string[] }[] = EDGE_RULES.map((rule) => ({ rule, claims: claimsOfRule(rule) })).filter((r) => r.claims.length > 0);

/**
 * The facts the rules need, rebuilt from the evidence: the aud the harness meant is the service root it
 * carried from SDS, the provider ASID is the one it carried too, and "now" is when the request was sent.
 */
function factsOf(exchange: Exchange, journey: Record<string, string>): RequestFacts {
  const headers = Object.fromEntries(Object.entries(exchange.request.headers).map(([k, v]) => [k.toLowerCase(), v]));
  const interaction: Interaction | undefined = INTERACTIONS.find((i) => i.name === exchange.interaction);
  return {
    headers,
    interaction,
    candidates: interaction ? [interaction] : [],
    providerAsid: journey.providerAsid ?? headers['ssp-to'] ?? '',
    serviceRoot: journey.serviceRoot ?? '',
    nowSeconds: Math.floor(Date.parse(exchange.startedAt) / 1000),
    jwtVariant: jwtVariantOf(interaction?.capability),
  };
}

/** One row per claim sent, plus one per claim a rule expects that was not sent; undefined when there is no decoded JWT. */
export function judgeClaims(exchange: Exchange, journey: Record<string, string>): ClaimRow[] | undefined {
  if (!exchange.jwt || !('claims' in exchange.jwt)) return undefined;
  const claims = exchange.jwt.claims as Claims;
  const facts = factsOf(exchange, journey);
  const names = [...new Set([...Object.keys(claims), ...CLAIM_RULES.flatMap((r) => r.claims)])];
  return names.map((claim) => ({
    claim,
    value: claims[claim],
    verdicts: CLAIM_RULES.filter((r) => r.claims.includes(claim)).map(({ rule }) => {
      const problem = rule.check(facts, claims);
      return { id: rule.id, text: rule.text, ...(problem ? { problem } : {}) };
    }),
  }));
}
