/**
 * The GP Connect unsigned JWT (JWT-BEARER, CON-JWT-UNSIGNED). jose's UnsecuredJWT writes no `typ`, and GP Connect's header is
 * {"alg":"none","typ":"JWT"}, so the token is assembled here from jose's base64url codec.
 */
import { base64url } from 'jose';
import type { Target } from '../config/target';
import type { Interaction } from '../interactions';
import { SYS } from '../spine/systems';
import { JWT_VARIANTS } from '../versions';

export const JWT_LIFETIME_SECONDS = 300;
export const JWT_HEADER = { alg: 'none', typ: 'JWT' } as const;

export type Claims = Record<string, unknown>;

export interface GpcClaimInput {
  consumer: Target['consumer'];
  interaction: Interaction;
  /** The provider service root URL as SDS returned it (aud). */
  audience: string;
  /** Unix seconds; defaults to now. */
  now?: number;
}

export function buildGpcClaims({ consumer, interaction, audience, now }: GpcClaimInput): Claims {
  const iat = now ?? Math.floor(Date.now() / 1000);
  const p = consumer.practitioner;
  const practitionerIds = [
    { system: SYS.sdsUserId, value: p.sdsUserId },
    { system: SYS.sdsRoleProfileId, value: p.sdsRoleProfileId },
    ...(p.localUserId ? [{ system: `${new URL(consumer.systemUrl).origin}/Id/user-guid`, value: p.localUserId }] : []),
  ];
  return {
    iss: consumer.systemUrl,
    sub: p.id,
    aud: audience,
    exp: iat + JWT_LIFETIME_SECONDS,
    iat,
    // The migrate interactions exist only on the 1.6 line, whose reason for them is migration (JWT-REASON-VALUE).
    reason_for_request: JWT_VARIANTS['gpc-1.6'].reasonsFor[interaction.name]?.[0] ?? 'directcare',
    requested_scope: interaction.scope,
    requesting_device: {
      resourceType: 'Device',
      identifier: [{ system: consumer.device.system, value: consumer.device.value }],
      model: consumer.device.model,
      version: consumer.device.version,
    },
    requesting_organization: {
      resourceType: 'Organization',
      identifier: [{ system: SYS.odsOrg, value: consumer.odsCode }],
      name: consumer.organizationName,
    },
    requesting_practitioner: {
      resourceType: 'Practitioner',
      id: p.id,
      identifier: practitionerIds,
      name: [{ family: p.family, given: p.given, ...(p.prefix?.length ? { prefix: p.prefix } : {}) }],
    },
  };
}

const enc = (value: unknown) => base64url.encode(JSON.stringify(value));

/** header.payload. — the empty signature keeps its trailing dot (JWT-BEARER). */
export function encodeUnsignedJwt(claims: Claims, header: Record<string, unknown> = JWT_HEADER): string {
  return `${enc(header)}.${enc(claims)}.`;
}

export type DecodedJwt =
  { ok: true; header: Record<string, unknown>; claims: Claims; signature: string } | { ok: false; problem: string };

/** One base64url JSON-object segment of a JWT; throws naming `what` when it is not one. */
export function decodeJwtSegment(part: string, what: string): Record<string, unknown> {
  if (!/^[A-Za-z0-9_-]*$/.test(part)) throw new Error(`${what} is not base64url`);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(base64url.decode(part)));
  } catch {
    throw new Error(`${what} is not base64url-encoded JSON`);
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new Error(`${what} is not a JSON object`);
  return json as Record<string, unknown>;
}

export function decodeJwt(token: string): DecodedJwt {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, problem: `expected 3 dot-separated parts, got ${parts.length}` };
  try {
    return {
      ok: true,
      header: decodeJwtSegment(parts[0], 'header'),
      claims: decodeJwtSegment(parts[1], 'payload'),
      signature: parts[2],
    };
  } catch (err) {
    return { ok: false, problem: (err as Error).message };
  }
}

/** Extracts the token from an Authorization header value. */
export function bearerToken(authorization: string | undefined): string | undefined {
  const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  return m?.[1];
}
