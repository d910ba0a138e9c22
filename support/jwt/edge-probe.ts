/** The one wrong request that probes an edge rule (./jwt-rules.ts), as data. */
import type { Claims } from './gpc-jwt';

/**
 * The wrong request that probes a rule, as overrides of the well-formed `read metadata` request (JWT-* records:
 * the NHS oracles all use /metadata). Claim overrides merge into object claims and replace other values;
 * `undefined` removes a claim. Header overrides replace; `null` removes a header.
 */
export interface Probe {
  /** The wrong thing, in words. */
  wrong: string;
  claims?: Claims;
  /** iat relative to now, and exp relative to iat (seconds). */
  timing?: { iatFromNow: number; lifetime: number };
  headers?: Record<string, string | null>;
  /** Query string (without `?`) sent with the request. */
  query?: string;
  /** Replaces the encoded JWT header segment (the token is otherwise well formed). */
  encodedJwtHeader?: string;
  /**
   * The SSP itself refuses a request without its routing headers (SSP-HEADERS), so the provider's own check
   * is only visible on a request sent straight to the provider's service root.
   */
  straightToProvider?: boolean;
}
