/**
 * PDS signed-JWT auth against a local token endpoint that checks what the API platform checks: the
 * signature against its JWKS, RS512, the kid, aud = its own URL, iss = sub = the API key, a jti, and a
 * lifetime of at most 5 minutes. It refuses each wrong one, naming it; the harness caches the token until
 * shortly before expiry, sends it as a bearer token to PDS, and fetches a new one when PDS answers 401.
 */
import { strict as assert } from 'node:assert';
import { createPrivateKey, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createLocalJWKSet, exportJWK, exportPKCS8, generateKeyPair, jwtVerify, SignJWT } from 'jose';
import { redactText } from '../../support/evidence/redact';
import { EvidenceLog, type HttpResult } from '../../support/spine/http';
import { clientAssertion, PdsTokenSource, withPdsToken, type SignedJwtAuth } from '../../support/spine/pds-auth';
import { tracePatient } from '../../support/spine/pds-client';
import type { Target } from '../../support/config/target';

const API_KEY = 'pds-app-key-0123456789';
const KID = 'gpc-assure-test-1';
let base = '';
let tokenUrl = '';
let server: http.Server;
let auth: SignedJwtAuth;
let signingKey: KeyObject;
let strangerKey: KeyObject;
let strangerPem = '';
/** What the mock platform does: seconds each token lives, and the tokens PDS still honours. */
const platform = { issued: 0, expiresIn: 599, live: new Set<string>(), pdsCalls: [] as (string | undefined)[] };

/** Jose's error codes, as the cause the platform names in error_description. */
const CAUSES: [RegExp, string][] = [
  [/ERR_JOSE_ALG_NOT_ALLOWED/, 'alg'],
  [/ERR_JWKS_NO_MATCHING_KEY/, 'kid'],
  [/ERR_JWS_SIGNATURE_VERIFICATION_FAILED/, 'signature'],
  [/ERR_JWT_EXPIRED/, 'exp'],
];

async function refusal(assertion: string, jwks: ReturnType<typeof createLocalJWKSet>): Promise<string | undefined> {
  try {
    const { payload } = await jwtVerify(assertion, jwks, {
      algorithms: ['RS512'],
      audience: tokenUrl,
      issuer: API_KEY,
      subject: API_KEY,
    });
    if (!payload.jti) return 'jti';
    if (!payload.exp || payload.exp - Math.floor(Date.now() / 1000) > 300 + 5) return 'exp';
    return undefined;
  } catch (err) {
    const e = err as { code?: string; claim?: string };
    return CAUSES.find(([re]) => re.test(e.code ?? ''))?.[1] ?? e.claim ?? String(e.code);
  }
}

function platformHandler(jwks: ReturnType<typeof createLocalJWKSet>): http.RequestListener {
  return (req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', async () => {
      if (req.url?.startsWith('/Patient/')) {
        const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
        platform.pdsCalls.push(token);
        const ok = !!token && platform.live.has(token);
        return res
          .writeHead(ok ? 200 : 401, { 'Content-Type': 'application/fhir+json' })
          .end(
            JSON.stringify(
              ok
                ? { resourceType: 'Patient', id: '9000000009' }
                : { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'forbidden' }] },
            ),
          );
      }
      const form = new URLSearchParams(body);
      const wrongForm =
        form.get('grant_type') !== 'client_credentials' ||
        form.get('client_assertion_type') !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
      const problem = wrongForm ? 'grant' : await refusal(form.get('client_assertion') ?? '', jwks);
      if (problem)
        return res
          .writeHead(401, { 'Content-Type': 'application/json' })
          .end(JSON.stringify({ error: 'invalid_request', error_description: `bad ${problem}` }));
      const token = `token-${++platform.issued}-abcdef`;
      platform.live.add(token);
      res
        .writeHead(200, { 'Content-Type': 'application/json' })
        .end(JSON.stringify({ access_token: token, expires_in: String(platform.expiresIn), token_type: 'Bearer' }));
    });
  };
}

before(async () => {
  const pair = await generateKeyPair('RS512', { extractable: true });
  const stranger = await generateKeyPair('RS512', { extractable: true });
  strangerPem = await exportPKCS8(stranger.privateKey);
  // KeyObjects, not CryptoKeys: a CryptoKey is bound to one hash, and the alg case signs RS256 with the right key.
  strangerKey = createPrivateKey(strangerPem);
  const jwks = createLocalJWKSet({
    keys: [{ ...(await exportJWK(pair.publicKey)), kid: KID, alg: 'RS512', use: 'sig' }],
  });
  server = http.createServer(platformHandler(jwks));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  tokenUrl = `${base}/oauth2/token`;
  auth = { tokenUrl, apiKey: API_KEY, privateKey: await exportPKCS8(pair.privateKey), kid: KID, timeoutMs: 2_000 };
  signingKey = createPrivateKey(auth.privateKey);
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** An assertion with one thing changed from a good one. */
async function mint(
  over: { alg?: string; kid?: string; aud?: string; exp?: number; key?: KeyObject } = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: over.alg ?? 'RS512', typ: 'JWT', kid: over.kid ?? KID })
    .setIssuer(API_KEY)
    .setSubject(API_KEY)
    .setAudience(over.aud ?? tokenUrl)
    .setJti(crypto.randomUUID())
    .setExpirationTime(now + (over.exp ?? 240))
    .sign(over.key ?? signingKey);
}

async function platformSays(assertion: string): Promise<string> {
  const res = await fetch(tokenUrl, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
    }),
  });
  return res.status === 200 ? 'issued' : ((await res.json()) as { error_description: string }).error_description;
}

const refusedFor = async (over: Partial<SignedJwtAuth>): Promise<HttpResult> => {
  const outcome = await new PdsTokenSource({ ...auth, ...over }).token(new EvidenceLog());
  assert.ok('refused' in outcome, 'the token endpoint issued a token for a bad assertion');
  return outcome.refused;
};

const target = (over: Partial<Target['pds']> = {}) =>
  ({ pds: { baseUrl: base, auth: { ...auth }, ...over } }) as unknown as Target;

describe('the mock token endpoint refuses each wrong assertion, naming what is wrong', () => {
  it('issues for a good one', async () => assert.equal(await platformSays(await mint()), 'issued'));
  it('alg: RS256 instead of RS512', async () =>
    assert.equal(await platformSays(await mint({ alg: 'RS256' })), 'bad alg'));
  it('kid: not in the JWKS', async () =>
    assert.equal(await platformSays(await mint({ kid: 'another-kid' })), 'bad kid'));
  it('aud: not the token URL', async () =>
    assert.equal(await platformSays(await mint({ aud: `${base}/other` })), 'bad aud'));
  it('exp: already past', async () => assert.equal(await platformSays(await mint({ exp: -60 })), 'bad exp'));
  it('exp: more than 5 minutes ahead', async () =>
    assert.equal(await platformSays(await mint({ exp: 600 })), 'bad exp'));
  it('signature: signed by a key not in the JWKS', async () =>
    assert.equal(await platformSays(await mint({ key: strangerKey })), 'bad signature'));
  it('signature: a payload changed after signing', async () => {
    const [h, p, s] = (await mint()).split('.');
    const claims = { ...JSON.parse(Buffer.from(p, 'base64url').toString()), sub: 'someone-else' };
    assert.equal(
      await platformSays(`${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}`),
      'bad signature',
    );
  });
});

describe('PDS signed-JWT auth in the harness', () => {
  it('signs what the platform asks: RS512, kid, iss = sub = API key, aud = token URL, a jti, at most 5 minutes', async () => {
    const assertion = await clientAssertion(auth, 3600);
    const header = JSON.parse(Buffer.from(assertion.split('.')[0], 'base64url').toString());
    const claims = JSON.parse(Buffer.from(assertion.split('.')[1], 'base64url').toString());
    assert.deepEqual(
      [header.alg, header.kid, claims.iss, claims.sub, claims.aud],
      ['RS512', KID, API_KEY, API_KEY, tokenUrl],
    );
    assert.ok(claims.jti && claims.exp - claims.iat <= 300, 'the harness never asks for more than 5 minutes');
    assert.equal(await platformSays(assertion), 'issued');
  });
  it('caches the token while it has more than the margin to live, and not when it has less', async () => {
    const source = new PdsTokenSource(auth);
    const before = platform.issued;
    const first = await source.token(new EvidenceLog());
    assert.deepEqual(await source.token(new EvidenceLog()), first);
    assert.equal(platform.issued, before + 1);
    platform.expiresIn = 20;
    try {
      const short = new PdsTokenSource(auth);
      await short.token(new EvidenceLog());
      await short.token(new EvidenceLog());
      assert.equal(platform.issued, before + 3, 'a token 20 s from expiry was reused');
    } finally {
      platform.expiresIn = 599;
    }
  });
  it("names the refusal with the hop, kind auth and the platform's reason", async () => {
    for (const [over, cause] of [
      [{ kid: 'another-kid' }, 'bad kid'],
      [{ tokenUrl: `${tokenUrl}?x=1` }, 'bad aud'],
      [{ privateKey: strangerPem }, 'bad signature'],
    ] as const) {
      const refused = await refusedFor(over);
      assert.equal(refused.exchange.hop, 'pds');
      assert.equal(refused.transport?.kind, 'auth');
      assert.match(refused.transport!.message, new RegExp(`pds-auth-refused: .*HTTP 401 invalid_request: ${cause}`));
    }
  });
  it('names an unreachable token endpoint by its transport kind', async () => {
    const refused = await refusedFor({ tokenUrl: 'http://127.0.0.1:9/oauth2/token' });
    assert.equal(refused.transport?.kind, 'connection-refused');
    assert.match(refused.transport!.message, /the PDS token endpoint did not answer/);
  });
  it('traces with a bearer token, and on a 401 fetches a fresh one once', async () => {
    const t = target();
    const log = new EvidenceLog();
    assert.equal((await tracePatient(log, t, '9000000009')).status, 200);
    const used = platform.pdsCalls.at(-1)!;
    assert.equal((await tracePatient(log, t, '9000000009')).status, 200);
    assert.equal(platform.pdsCalls.at(-1), used, 'the cached token was not reused');
    platform.live.delete(used); // revoked early: PDS says 401
    const calls = platform.pdsCalls.length;
    assert.equal((await tracePatient(log, t, '9000000009')).status, 200);
    assert.equal(platform.pdsCalls.length, calls + 2);
    assert.notEqual(platform.pdsCalls.at(-1), used);
    assert.ok(
      log.exchanges.every((e) => !JSON.stringify(e).includes(used)),
      'a token reached the evidence',
    );
  });
  it('refreshes only once: a PDS that keeps saying 401 gets its 401', async () => {
    let calls = 0;
    const result = await withPdsToken(
      new PdsTokenSource(auth),
      new EvidenceLog(),
      async () => (calls++, { status: 401 }) as HttpResult,
    );
    assert.equal(result.status, 401);
    assert.equal(calls, 2);
  });
  it('never lets the key, the API key or the token into evidence or redacted text', async () => {
    const log = new EvidenceLog();
    const outcome = await new PdsTokenSource(auth).token(log);
    assert.ok('token' in outcome);
    const text = redactText(`${auth.privateKey} ${API_KEY} ${outcome.token}`) + JSON.stringify(log.exchanges);
    for (const secret of [API_KEY, outcome.token, 'PRIVATE KEY'])
      assert.ok(!text.includes(secret), `${secret} leaked: ${text.slice(0, 300)}`);
  });
  it('redacts OAuth fields by their shape even when the value was never registered', () => {
    const text = redactText(
      '{"access_token":"never-registered-1","token_type":"Bearer"} client_assertion=never.registered.2&grant_type=client_credentials',
    );
    assert.ok(!/never-registered-1|never\.registered\.2/.test(text), text);
    assert.match(text, /grant_type=client_credentials/);
  });
});
