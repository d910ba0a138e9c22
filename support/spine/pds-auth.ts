/**
 * PDS application-restricted access (signed JWT): the harness signs a short-lived client assertion with its
 * private key (RS512, `kid` naming the key in the JWKS the API platform holds; iss = sub = the API key,
 * aud = the token URL, a fresh jti, exp at most 5 minutes ahead), exchanges it for an access token, keeps
 * the token until shortly before it expires, and fetches a new one when PDS says 401.
 * The key and the token are secrets: registered for redaction as soon as they are known.
 */
import { createPrivateKey, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { redactText, registerSecret } from '../evidence/redact';
import { send, type EvidenceLog, type HttpResult, type TransportKind } from './http';

export interface SignedJwtAuth {
  tokenUrl: string;
  apiKey: string;
  /** PEM RSA private key (PKCS#8 or PKCS#1). */
  privateKey: string;
  kid: string;
  timeoutMs?: number;
}

/** The platform's ceiling for a client assertion's lifetime. */
export const MAX_ASSERTION_SECONDS = 300;
/** A token this close to expiry is not used: the request carrying it might arrive after it. */
const REFRESH_MARGIN_MS = 30_000;

export async function clientAssertion(auth: SignedJwtAuth, lifetimeSeconds = MAX_ASSERTION_SECONDS): Promise<string> {
  registerSecret(auth.privateKey);
  const key = createPrivateKey(auth.privateKey);
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

/** A token, or the token exchange that failed (with a named transport fault) as the evidence. */
export type TokenOutcome = { token: string } | { refused: HttpResult };

/** Fetches and caches access tokens for one PDS application; the exchange is recorded in the caller's log. */
export class PdsTokenSource {
  private cached?: { token: string; expiresAt: number };
  constructor(private readonly auth: SignedJwtAuth) {
    registerSecret(auth.apiKey);
    registerSecret(auth.privateKey);
  }

  /** A token valid for at least the refresh margin; a new one when `force` (after a 401). */
  async token(log: EvidenceLog, force = false): Promise<TokenOutcome> {
    if (!force && this.cached && this.cached.expiresAt - REFRESH_MARGIN_MS > Date.now())
      return { token: this.cached.token };
    const assertion = await clientAssertion(this.auth);
    registerSecret(assertion);
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
    }).toString();
    const result = await send(log, {
      hop: 'pds',
      interaction: 'oauth token',
      method: 'POST',
      url: this.auth.tokenUrl,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body,
      timeoutMs: this.auth.timeoutMs ?? 10_000,
    });
    if (result.transport)
      return refused(
        result,
        result.transport.kind,
        `the PDS token endpoint did not answer: ${result.transport.message}`,
      );
    let parsed: { access_token?: unknown; expires_in?: unknown; error?: unknown; error_description?: unknown } = {};
    try {
      parsed = JSON.parse(result.text);
    } catch {
      // Reported below with the status: a token endpoint that does not answer JSON has failed either way.
    }
    if (typeof parsed.access_token === 'string') registerSecret(parsed.access_token);
    // The exchange was recorded before the token was known to be a secret: redact the record now.
    if (result.exchange.response?.body) result.exchange.response.body = redactText(result.exchange.response.body);
    if (result.status !== 200 || typeof parsed.access_token !== 'string') {
      const why = [parsed.error, parsed.error_description].filter((x) => typeof x === 'string').join(': ');
      return refused(
        result,
        'auth',
        `pds-auth-refused: the PDS token endpoint refused the client assertion (HTTP ${result.status}${why ? ` ${why}` : ''})`,
      );
    }
    const seconds = Number(parsed.expires_in);
    this.cached = {
      token: parsed.access_token,
      expiresAt: Date.now() + (Number.isFinite(seconds) && seconds > 0 ? seconds : 599) * 1000,
    };
    return { token: this.cached.token };
  }
}

function refused(result: HttpResult, kind: TransportKind, message: string): TokenOutcome {
  return { refused: { ...result, transport: { kind, message: redactText(message) } } };
}

/**
 * Runs a PDS request with a bearer token, once more with a fresh token if PDS answers 401 (the cached token
 * was revoked or expired early). A token that cannot be had is the answer: the refused exchange, named.
 */
export async function withPdsToken(
  source: PdsTokenSource,
  log: EvidenceLog,
  request: (token: string) => Promise<HttpResult>,
): Promise<HttpResult> {
  const first = await source.token(log);
  if ('refused' in first) return first.refused;
  const answer = await request(first.token);
  if (answer.status !== 401) return answer;
  const fresh = await source.token(log, true);
  return 'refused' in fresh ? fresh.refused : request(fresh.token);
}
