/**
 * What the JWT claim rules accept on each spec line (JWT-REASON-VALUE, JWT-SCOPE-MATCH, ARS-JWT-1.6; support/versions.ts JWT_VARIANTS): the
 * reason_for_request values and the confidentiality scopes after requested_scope. The edge rules in
 * ./jwt-rules.ts ask these with the variant of the root a request came in under (gpc-1.2 when none).
 */
import type { Interaction } from '../interactions';
import { JWT_VARIANTS, type JwtVariant } from '../versions';

const rulesOf = (variant: JwtVariant | undefined) => JWT_VARIANTS[variant ?? 'gpc-1.2'];

/** reason_for_request values the variant accepts for the interaction. */
export function reasonsAllowed(variant: JwtVariant | undefined, i: Interaction | undefined): readonly string[] {
  const v = rulesOf(variant);
  return [...v.reasons, ...((i && v.reasonsFor[i.name]) || [])];
}

/** The interaction's scope, then at most one confidentiality scope of the variant (JWT-SCOPE-MATCH). */
export function scopeFits(variant: JwtVariant | undefined, i: Interaction, scope: unknown): boolean {
  if (typeof scope !== 'string') return false;
  const [own, ...extra] = scope.split(' ');
  return own === i.scope && extra.length <= 1 && extra.every((x) => rulesOf(variant).confidentialityScopes.includes(x));
}

export function expectedScope(variant: JwtVariant | undefined, i: Interaction): string {
  const conf = rulesOf(variant).confidentialityScopes;
  return conf.length ? `${i.scope}, optionally followed by ${conf.join(' or ')}` : i.scope;
}
