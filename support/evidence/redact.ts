/**
 * Secrets never leak: every value resolved from a secret reference is registered here, and all evidence,
 * report text and error messages pass through redactText. Header-based redaction catches secrets that
 * never went through the config (a bearer token minted at run time).
 */
const secrets = new Set<string>();

export const REDACTED = '[REDACTED]';

export function registerSecret(value: string | undefined): void {
  // Very short values would redact ordinary text; real credentials are never this short.
  if (value && value.length >= 6) secrets.add(value);
}

/**
 * Credentials recognised by their shape, whoever wrote them: a PEM private key, and OAuth fields (an access
 * or refresh token in a token answer, a client assertion in a form) even before their values are registered.
 */
const SHAPES: [RegExp, string][] = [
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g, REDACTED],
  [/("(?:access_token|refresh_token|id_token|client_assertion)"\s*:\s*")[^"]*"/g, `$1${REDACTED}"`],
  [/\b((?:access_token|client_assertion)=)[^&\s"]+/g, `$1${REDACTED}`],
];

export function redactText(text: string): string {
  let out = text;
  for (const s of secrets) if (out.includes(s)) out = out.split(s).join(REDACTED);
  for (const [shape, replacement] of SHAPES) out = out.replace(shape, replacement);
  return out;
}

/** Headers whose value is a credential. The GP Connect JWT is unsigned and is evidence, so it is kept. */
const SECRET_HEADERS = new Set(['apikey', 'x-api-key', 'cookie', 'set-cookie', 'proxy-authorization']);

export function redactHeaders(headers: Record<string, string>, keepBearerJwt: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (SECRET_HEADERS.has(lower)) out[name] = REDACTED;
    else if (lower === 'authorization' && !keepBearerJwt) out[name] = value.replace(/^(Bearer\s+).*/i, `$1${REDACTED}`);
    else out[name] = redactText(value);
  }
  return out;
}
