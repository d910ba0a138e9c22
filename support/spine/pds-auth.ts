/**
 * PDS application-restricted access (signed JWT): the harness signs a short-lived client assertion with its
 * private key (RS512, `kid` naming the key in the JWKS the API platform holds; iss = sub = the API key,
 * aud = the token URL, a fresh jti, exp at most 5 minutes ahead), exchanges it for an access token, keeps
 * the token until shortly before it expires, and fetches a new one when PDS says 401.
 * The key and the token are secrets: registered for redaction as soon as they are known.
 */
import { randomUUID } from 'node:crypto';
import { importPKCS8, SignJWT } from 'jose';
import { registerSecret } from '../evidence/redact';
import { send, type EvidenceLog } from './http';

export interface SignedJwtAuth {
  tokenUrl: string;
  apiKey: string;
  /** PEM PKCS#8 RSA private key. */
  privateKey: string;
  kid: string;
  timeoutMs?: number;
}

/** The platform's ceiling for a client assertion's lifetime. */
export const MAX_ASSERTION_SECONDS = 300;
/** A token this close to expiry is not used: the request carrying it might arrive after it. */
const REFRESH_MARGIN_MS = 30_000;

export class PdsAuthError extends Error {
  readonly hop = 'pds';
}

export async function clientAssertion(auth: SignedJwtAuth, lifetimeSeconds = MAX_ASSERTION_SECONDS): Promise<string> {
  registerSecret(auth.privateKey);
  const key = await importPKCS8(auth.privateKey, 'RS512');
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'RS512', typ: 'JWT', kid: auth.kid })
    .setIssuer(auth.apiKey)
    .setSubject(auth.apiKey)
    .setAudience(auth.tokenUrl)
    .setJti(randomUUID())
    .setIssuedAt(now)
    .setExpirationTime(now + Math.min(lifetimeSeconds, MAX_ASSERTION_SECONDS))
    .sign(key);
}

/** Fetches and caches access tokens for one PDS application. */
export class PdsTokenSource {
  private cached?: { token: string; expiresAt: number };
  constructor(
    private readonly auth: SignedJwtAuth,
    private readonly log: EvidenceLog,
  ) {
    registerSecret(auth.apiKey);
  }

  /** A token valid for at least the refresh margin; a new one when `force` (after a 401). */
  async token(force = false): Promise<string> {
    if (!force && this.cached && this.cached.expiresAt - REFRESH_MARGIN_MS > Date.now()) return this.cached.token;
    const assertion = await clientAssertion(this.auth);
    registerSecret(assertion);
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
    }).toString();
    const result = await send(this.log, {
      hop: 'pds',
      interaction: 'oauth token',
      method: 'POST',
      url: this.auth.tokenUrl,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body,
      timeoutMs: this.auth.timeoutMs ?? 10_000,
    });
    if (result.transport) throw new PdsAuthError(`PDS token endpoint: ${result.transport.message}`);
    let parsed: { access_token?: unknown; expires_in?: unknown; error?: unknown; error_description?: unknown } = {};
    try {
      parsed = JSON.parse(result.text);
    } catch {
      // Reported below with the status: a token endpoint that does not answer JSON has failed either way.
    }
    if (result.status !== 200 || typeof parsed.access_token !== 'string') {
      throw new PdsAuthError(`PDS token endpoint refused the client assertion: HTTP ${result.status} ${String(parsed.error ?? '')} ${String(parsed.error_description ?? '')}`.trim());
    }
    registerSecret(parsed.access_token);
    const seconds = Number(parsed.expires_in);
    this.cached = { token: parsed.access_token, expiresAt: Date.now() + (Number.isFinite(seconds) && seconds > 0 ? seconds : 599) * 1000 };
    return this.cached.token;
  }
}

/**
 * Runs a PDS request with a bearer token, once more with a fresh token if PDS answers 401 (the cached token
 * was revoked or expired early). Any other answer is the caller's to check.
 */
export async function withPdsToken<T extends { status?: number }>(source: PdsTokenSource, request: (token: string) => Promise<T>): Promise<T> {
  const first = await request(await source.token());
  return first.status === 401 ? request(await source.token(true)) : first;
}
