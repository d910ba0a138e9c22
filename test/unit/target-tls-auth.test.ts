/**
 * The TLS and PDS-auth keys of the target file: good material loads (and is registered for redaction); each
 * bad combination, unreadable file, unset variable, wrong passphrase or unusable key stops the load with one
 * ConfigError naming the key, before any traffic (the CLI turns it into exit code 2).
 */
import { strict as assert } from 'node:assert';
import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ConfigError, loadTargetFile, parseTargetText } from '../../support/config/target';
import { redactText } from '../../support/evidence/redact';
import { makePki, opensslMissing, type TestPki } from './tls-certs';
import { targetYaml } from './target-yaml';

const PASSPHRASE = 'pfx-passphrase-config-77';

describe('target file: ssp.tls and pds.auth', { skip: opensslMissing }, () => {
  let pki: TestPki;
  const load = (tls?: string, pds?: string, ssp = 'https://ssp.example') =>
    parseTargetText(targetYaml(ssp, tls, pds), 't.yaml', pki.dir);
  const problem = (tls?: string, pds?: string, ssp?: string): string => {
    try {
      load(tls, pds, ssp);
    } catch (err) {
      assert.ok(err instanceof ConfigError, String(err));
      return `${err.key}: ${err.problem}`;
    }
    return 'loaded';
  };
  const pdsAuth = (over = '') =>
    `{ baseUrl: "https://pds.example/FHIR/R4", auth: { apiKey: "\${GPC_TEST_PDS_API_KEY}", privateKey: "file:pds.key", kid: "test-1", tokenUrl: "https://pds.example/oauth2/token"${over} } }`;
  before(() => {
    pki = makePki(PASSPHRASE);
    writeFileSync(
      join(pki.dir, 'pds.key'),
      generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }),
    );
    writeFileSync(
      join(pki.dir, 'ec.key'),
      generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }),
    );
    writeFileSync(join(pki.dir, 'not-pem.txt'), 'hello');
    process.env.GPC_TEST_PDS_API_KEY = 'pds-api-key-config-test';
    process.env.GPC_TEST_PFX_PASS = PASSPHRASE;
  });
  after(() => pki.close());

  it('loads a PEM pair with a CA bundle, registering the key for redaction', () => {
    const t = load('{ cert: "file:client.pem", key: "file:client.key", ca: "file:ca.pem", servername: ssp.example }');
    assert.match(t.ssp.tls!.cert!, /BEGIN CERTIFICATE/);
    assert.equal(redactText(t.ssp.tls!.key!), '[REDACTED]');
  });
  it('loads a PFX from a file (bytes) with its passphrase from the environment', () => {
    const t = load('{ pfx: "file:client.pfx", passphrase: "${GPC_TEST_PFX_PASS}" }');
    assert.ok(Buffer.isBuffer(t.ssp.tls!.pfx));
    assert.equal(redactText(`pass=${PASSPHRASE}`), 'pass=[REDACTED]');
  });
  it('loads pds.auth, registering the API key and the private key', () => {
    const t = load(undefined, pdsAuth());
    assert.equal(t.pds.auth!.kid, 'test-1');
    assert.equal(redactText(`${t.pds.auth!.apiKey} ${t.pds.auth!.privateKey}`), '[REDACTED] [REDACTED]');
  });

  /** Each bad block and the key and cause the one-line error must name. */
  const BAD: [string, string | undefined, string | undefined, RegExp, string?][] = [
    ['cert without key', '{ cert: "file:client.pem" }', undefined, /^ssp\.tls\.key: required with ssp\.tls\.cert/],
    ['key without cert', '{ key: "file:client.key" }', undefined, /^ssp\.tls\.cert: required with ssp\.tls\.key/],
    [
      'a PFX and a PEM pair',
      '{ pfx: "file:client.pfx", cert: "file:client.pem", key: "file:client.key" }',
      undefined,
      /^ssp\.tls\.pfx: give either/,
    ],
    [
      'a passphrase with nothing to open',
      '{ passphrase: "${GPC_TEST_PFX_PASS}" }',
      undefined,
      /^ssp\.tls\.passphrase: only meaningful/,
    ],
    [
      'an unreadable file',
      '{ cert: "file:nowhere.pem", key: "file:client.key" }',
      undefined,
      /^ssp\.tls\.cert: cannot read file .*nowhere\.pem/,
    ],
    [
      'an unset variable',
      '{ pfx: "file:client.pfx", passphrase: "${GPC_TEST_UNSET_PASSPHRASE}" }',
      undefined,
      /^ssp\.tls\.passphrase: environment variable GPC_TEST_UNSET_PASSPHRASE is not set/,
    ],
    [
      'a wrong PFX passphrase',
      '{ pfx: "file:client.pfx", passphrase: "${GPC_TEST_SDS_KEY:-wrong-passphrase}" }',
      undefined,
      /^ssp\.tls\.passphrase: the PFX does not open/,
    ],
    [
      "a key that is not the certificate's",
      '{ cert: "file:client.pem", key: "file:server.key" }',
      undefined,
      /^ssp\.tls\.key: the private key does not belong/,
    ],
    [
      'a certificate that is not PEM',
      '{ cert: "file:not-pem.txt", key: "file:client.key" }',
      undefined,
      /^ssp\.tls\.cert: is not a PEM certificate/,
    ],
    ['a CA bundle that is not PEM', '{ ca: "file:not-pem.txt" }', undefined, /^ssp\.tls\.ca: is not a PEM CA bundle/],
    [
      'a literal private key',
      '{ cert: "file:client.pem", key: "-----BEGIN PRIVATE KEY-----" }',
      undefined,
      /^ssp\.tls\.key: secrets must be/,
    ],
    [
      'an inline certificate',
      '{ cert: "MIIB", key: "file:client.key" }',
      undefined,
      /^ssp\.tls\.cert: must be a file:PATH or \$\{ENV_VAR\} reference/,
    ],
    [
      'an unknown TLS key',
      '{ certificate: "file:client.pem" }',
      undefined,
      /^ssp\.tls: must NOT have additional properties "certificate"/,
    ],
    [
      'client TLS to an http SSP',
      '{ ca: "file:ca.pem" }',
      undefined,
      /^ssp\.tls: client TLS needs an https/,
      'http://ssp.example',
    ],
    [
      'pds.auth without a kid',
      undefined,
      pdsAuth().replace('kid: "test-1", ', ''),
      /^pds\.auth: must have required property 'kid'/,
    ],
    [
      'pds.auth with a literal API key',
      undefined,
      pdsAuth().replace('"${GPC_TEST_PDS_API_KEY}"', 'abcdef123456'),
      /^pds\.auth\.apiKey: secrets must be/,
    ],
    [
      'pds.auth with an unset API key variable',
      undefined,
      pdsAuth().replace('GPC_TEST_PDS_API_KEY', 'GPC_TEST_UNSET_API_KEY'),
      /^pds\.auth\.apiKey: environment variable GPC_TEST_UNSET_API_KEY is not set/,
    ],
    [
      'pds.auth with a key that is not PEM',
      undefined,
      pdsAuth().replace('file:pds.key', 'file:not-pem.txt'),
      /^pds\.auth\.privateKey: is not a PEM private key/,
    ],
    [
      'pds.auth with an EC key',
      undefined,
      pdsAuth().replace('file:pds.key', 'file:ec.key'),
      /^pds\.auth\.privateKey: is a ec key; RS512 needs an RSA/,
    ],
    [
      'pds.auth and a static token',
      undefined,
      pdsAuth().replace('{ baseUrl', '{ accessToken: "${GPC_TEST_PDS_API_KEY}", baseUrl'),
      /^pds\.accessToken: give either a static access token or pds\.auth/,
    ],
  ];
  for (const [name, tls, pds, expected, ssp] of BAD) {
    it(`refuses ${name}, naming the key`, () => assert.match(problem(tls, pds, ssp), expected));
  }

  it('the shipped integration target passes the schema and asks for its first secret by name', () => {
    delete process.env.GPC_INT_PDS_API_KEY;
    assert.throws(
      () => loadTargetFile('targets/integration.yaml'),
      /pds\.auth\.apiKey: environment variable GPC_INT_PDS_API_KEY is not set/,
    );
  });
  it('the shipped supplier template loads with its two secrets set', () => {
    Object.assign(process.env, { PDS_ACCESS_TOKEN: 'template-token-for-tests', SDS_API_KEY: 'template-key-for-tests' });
    assert.equal(loadTargetFile('targets/supplier-template.yaml').name, 'supplier-template');
  });
});
