/**
 * PDS signed-JWT auth against a local token endpoint that checks what the API platform checks: the
 * signature against its JWKS, RS512, the kid, aud = its own URL, iss = sub = the API key, a jti, and a
 * lifetime of at most 5 minutes. It refuses each wrong one; the harness caches the token and refreshes on 401.
 */
import { strict as assert } from 'node:assert';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createLocalJWKSet, exportJWK, exportPKCS8, generateKeyPair, jwtVerify, SignJWT } from 'jose';
import { redactText } from '../../support/evidence/redact';
import { EvidenceLog } from '../../support/spine/http';
import { clientAssertion, PdsAuthError, PdsTokenSource, withPdsToken, type SignedJwtAuth } from '../../support/spine/pds-auth';

const API_KEY = 'pds-app-key-0123456789';
const KID = 'gpc-assure-test-1';
let tokenUrl = '';
let issued = 0;
let server: http.Server;
let auth: SignedJwtAuth;
let strangerKey = '';

async function refusal(assertion: string, jwks: ReturnType<typeof createLocalJWKSet>): Promise<string | undefined> {
  try {
    const { payload, protectedHeader } = await jwtVerify(assertion, jwks, { algorithms: ['RS512'], audience: tokenUrl, issuer: API_KEY, subject: API_KEY });
    if (protectedHeader.kid !== KID) return 'unknown kid';
    if (!payload.jti) return 'no jti';
    if (!payload.exp || payload.exp - Math.floor(Date.now() / 1000) > 300 + 5) return 'exp more than 5 minutes ahead';
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

before(async () => {
  const { publicKey, privateKey } = await generateKeyPair('RS512', { extractable: true });
  const stranger = await generateKeyPair('RS512', { extractable: true });
  strangerKey = await exportPKCS8(stranger.privateKey);
  const jwks = createLocalJWKSet({ keys: [{ ...(await exportJWK(publicKey)), kid: KID, alg: 'RS512', use: 'sig' }] });
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', async () => {
      const problem = await refusal(new URLSearchParams(body).get('client_assertion') ?? '', jwks);
      if (problem) return res.writeHead(401, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: 'invalid_request', error_description: problem }));
      issued++;
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ access_token: `token-${issued}-abcdef`, expires_in: '599', token_type: 'Bearer' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  tokenUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/oauth2/token`;
  auth = { tokenUrl, apiKey: API_KEY, privateKey: await exportPKCS8(privateKey), kid: KID, timeoutMs: 2_000 };
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

const refusedWith = (over: Partial<SignedJwtAuth>) => assert.rejects(new PdsTokenSource({ ...auth, ...over }, new EvidenceLog()).token(), PdsAuthError);

describe('PDS signed-JWT auth', () => {
  it('signs an assertion the token endpoint accepts, and caches the token', async () => {
    const source = new PdsTokenSource(auth, new EvidenceLog());
    const before = issued;
    const first = await source.token();
    assert.equal(await source.token(), first);
    assert.equal(issued, before + 1);
  });
  it('asks for a fresh token when PDS answers 401', async () => {
    const source = new PdsTokenSource(auth, new EvidenceLog());
    const seen: string[] = [];
    const result = await withPdsToken(source, async (token) => (seen.push(token), { status: seen.length === 1 ? 401 : 200 }));
    assert.equal(result.status, 200);
    assert.equal(seen.length, 2);
    assert.notEqual(seen[0], seen[1]);
  });
  it('is refused with a wrong kid, aud or signing key', async () => {
    await refusedWith({ kid: 'another-kid' });
    await refusedWith({ tokenUrl: `${tokenUrl}?aud=other` });
    await refusedWith({ privateKey: strangerKey });
  });
  it('the endpoint refuses a wrong alg and a lifetime over 5 minutes', async () => {
    const jwks = createLocalJWKSet({ keys: [] });
    assert.ok(await refusal(await clientAssertion(auth), jwks), 'an empty JWKS accepted a signature');
    const { privateKey } = await generateKeyPair('RS256');
    const rs256 = await new SignJWT({}).setProtectedHeader({ alg: 'RS256', kid: KID }).setIssuer(API_KEY).setSubject(API_KEY).setAudience(tokenUrl).setJti('x').setExpirationTime('2m').sign(privateKey);
    await refusedAssertion(rs256);
    const long = await clientAssertion(auth, 300);
    const claims = JSON.parse(Buffer.from(long.split('.')[1], 'base64url').toString());
    assert.ok(claims.exp - claims.iat <= 300, 'the harness never asks for more than 5 minutes');
  });
  it('never lets the key, the API key or the token into redacted text', async () => {
    const token = await new PdsTokenSource(auth, new EvidenceLog()).token();
    const text = redactText(`${auth.privateKey} ${API_KEY} ${token}`);
    assert.ok(!text.includes(API_KEY) && !text.includes(token) && !text.includes('PRIVATE KEY'), text);
  });
});

async function refusedAssertion(assertion: string): Promise<void> {
  const res = await fetch(tokenUrl, { method: 'POST', body: new URLSearchParams({ client_assertion: assertion }) });
  assert.equal(res.status, 401);
}
