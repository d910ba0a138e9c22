/**
 * Secrets never leak, even on the error paths: the SDS apikey and the PDS access token are set to canary
 * values, the suite runs under faults that make those hops fail (an error page, a server error, a name
 * that does not resolve, a cut connection), and not one canary may appear in reports, evidence or output.
 * The second suite does the same for the PDS API key, signing key and access token and the PFX passphrase.
 */
import { strict as assert } from 'node:assert';
import { execFileSync, spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { stringify } from 'yaml';
import { startSimulators, type SimulatorSet } from '../../support/simulators';
import { BIN, metaWorkDir, ROOT, runWithFault } from '../meta/fault-runner';
import { workedExampleRun } from './run-args';
import { makePki, opensslMissing, type TestPki } from './tls-certs';

const CANARIES = { GPC_SDS_API_KEY: 'canary-sds-apikey-7f3e9b1c', GPC_PDS_ACCESS_TOKEN: 'canary-pds-token-c41d0a88' };
/** Each puts a secret-bearing request on an error path: the failure message, the evidence, the summary. */
const FAULTS = [
  'pds-500',
  'sds-no-endpoints',
  'transport-sds-html-error-page',
  'transport-sds-dns',
  'transport-pds-5xx',
  'transport-pds-truncated-body',
  'transport-pds-config',
];
const work = metaWorkDir('canary');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('secret canaries never appear in reports, evidence, stdout or stderr', () => {
  Object.assign(process.env, CANARIES);
  for (const fault of FAULTS) {
    it(`under ${fault}`, { timeout: 60_000 }, async () => {
      const reports = join(work, fault);
      const run = await runWithFault(fault, '@WE-1a or @WE-2a', 'features/worked-example', reports);
      assert.ok(run.summary, `the run wrote no summary (exit ${run.code}): ${run.output.slice(-500)}`);
      assert.ok(run.summary.failures.length > 0, `${fault} broke nothing, so no error path was exercised`);
      const places = [
        { where: 'stdout/stderr', text: run.output },
        ...filesUnder(reports).map((f) => ({ where: f, text: readFileSync(f, 'utf8') })),
      ];
      for (const [name, value] of Object.entries(CANARIES)) {
        const leaks = places.filter((p) => p.text.includes(value)).map((p) => p.where);
        assert.deepEqual(leaks, [], `${name} leaked under ${fault}`);
      }
    });
  }
});

/*
 * The TLS and PDS-auth secrets: the PDS API key, the PDS signing key, the access token the token endpoint
 * issues, and the PFX passphrase are canaries too. The embedded PDS and SDS simulators stand in for the
 * Spine; the token endpoint and the SSP are hostile local servers: a token endpoint that echoes what it was
 * sent into its refusal, a PDS that echoes the request headers into an error page, an SSP whose certificate
 * the harness cannot trust, and a PFX that does not open with the passphrase given (a config error).
 */
const AUTH_CANARIES = {
  GPC_CANARY_PDS_API_KEY: 'canary-pds-apikey-91d2e6aa',
  GPC_CANARY_PFX_PASSPHRASE: 'canary-pfx-passphrase-3c8f01',
  GPC_SDS_API_KEY: CANARIES.GPC_SDS_API_KEY,
};
const ACCESS_TOKEN = 'canary-pds-access-token-6e0b7d14';

describe(
  'TLS and PDS-auth canaries never appear in reports, evidence, stdout or stderr',
  { skip: opensslMissing },
  () => {
    let pki: TestPki;
    let sims: SimulatorSet;
    let hostile: http.Server;
    let hostileUrl = '';
    let privateKey = '';
    const work = metaWorkDir('canary-auth');
    before(async () => {
      pki = makePki(AUTH_CANARIES.GPC_CANARY_PFX_PASSPHRASE);
      execFileSync(
        'openssl',
        [
          'pkcs12',
          '-export',
          '-in',
          'client.pem',
          '-inkey',
          'client.key',
          '-out',
          'other.pfx',
          '-passout',
          'pass:another-passphrase-entirely',
        ],
        { cwd: pki.dir, stdio: 'ignore' },
      );
      privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 })
        .privateKey.export({ type: 'pkcs8', format: 'pem' })
        .toString();
      Object.assign(process.env, AUTH_CANARIES, { GPC_CANARY_PDS_PRIVATE_KEY: privateKey });
      sims = await startSimulators();
      hostile = http.createServer((req, res) => {
        let body = '';
        req.on('data', (d) => (body += d));
        // Echo everything it was sent: the secrets come back in the answer, which the evidence records.
        req.on('end', () => {
          const assertion = new URLSearchParams(body).get('client_assertion');
          // A verbose server also decodes the assertion: the API key (its iss and sub) comes back in plain text.
          const claims = assertion
            ? JSON.parse(Buffer.from(assertion.split('.')[1] ?? '', 'base64url').toString() || '{}')
            : undefined;
          const echo = JSON.stringify({ headers: req.headers, body, claims });
          if (req.url === '/refuse')
            return res
              .writeHead(401, { 'Content-Type': 'application/json' })
              .end(JSON.stringify({ error: 'invalid_client', error_description: `rejected ${echo}` }));
          if (req.url?.startsWith('/token'))
            return res
              .writeHead(200, { 'Content-Type': 'application/json' })
              .end(JSON.stringify({ access_token: ACCESS_TOKEN, expires_in: '599', echo }));
          res.writeHead(500, { 'Content-Type': 'text/html' }).end(`<html><body>PDS error ${echo}</body></html>`);
        });
      });
      await new Promise<void>((resolve) => hostile.listen(0, '127.0.0.1', resolve));
      hostileUrl = `http://127.0.0.1:${(hostile.address() as AddressInfo).port}`;
    });
    after(async () => {
      await sims.stop();
      await new Promise((r) => hostile.close(r));
      await pki.close();
    });

    /** The embedded target with pds.auth and ssp.tls; `change` breaks one thing. */
    function targetFile(name: string, change: (doc: Record<string, any>) => void): string {
      const doc = structuredClone(sims.targetDocument) as Record<string, any>;
      delete doc.pds.accessToken;
      doc.pds.auth = {
        apiKey: '${GPC_CANARY_PDS_API_KEY}',
        privateKey: '${GPC_CANARY_PDS_PRIVATE_KEY}',
        kid: 'canary-1',
        tokenUrl: `${hostileUrl}/token`,
      };
      // WE-1a never reaches the SSP; the TLS block is still loaded, checked and its secrets registered.
      doc.ssp.baseUrl = 'https://localhost:1';
      doc.ssp.tls = {
        pfx: `file:${join(pki.dir, 'client.pfx')}`,
        passphrase: '${GPC_CANARY_PFX_PASSPHRASE}',
        ca: `file:${join(pki.dir, 'ca.pem')}`,
      };
      change(doc);
      const file = join(work, `${name}.yaml`);
      writeFileSync(file, stringify(doc));
      return file;
    }

    const RUNS: [string, string, (doc: Record<string, any>) => void, RegExp, Record<string, string>?][] = [
      [
        'a token endpoint that echoes the assertion in its refusal',
        '@WE-1a',
        (d) => (d.pds.auth.tokenUrl = `${hostileUrl}/refuse`),
        /pds-auth-refused/,
      ],
      [
        'a PDS that echoes the bearer token into an error page',
        '@WE-1a',
        (d) => (d.pds.baseUrl = `${hostileUrl}/pds`),
        /\[PDS\]/,
      ],
      [
        'an SSP whose certificate the harness cannot trust',
        '@WE-3a',
        () => undefined,
        /\[SSP\] tls WE-3a.*tls-unknown-ca/,
      ],
      [
        'a PFX that does not open with the passphrase',
        '@WE-1a',
        (d) => (d.ssp.tls.pfx = `file:${join(pki.dir, 'other.pfx')}`),
        /ssp\.tls\.passphrase: the PFX does not open/,
      ],
      [
        'a PDS signing key that is not a key',
        '@WE-1a',
        () => undefined,
        /pds\.auth\.privateKey: is not a PEM private key/,
        { GPC_CANARY_PDS_PRIVATE_KEY: 'canary-broken-private-key-0a9f' },
      ],
    ];
    for (const [name, tags, change, named, env = {}] of RUNS) {
      it(`under ${name}`, { timeout: 60_000 }, async () => {
        const reports = join(work, name.replace(/\W+/g, '-'));
        const file = targetFile(name.replace(/\W+/g, '-'), change);
        if (/certificate the harness/.test(name)) await useUntrustedSsp(file);
        const run = await runWithTarget(file, tags, reports, env);
        assert.notEqual(run.code, 0, 'the fault broke nothing, so no error path was exercised');
        const places = [
          { where: 'stdout/stderr', text: run.output },
          ...(existsSync(reports) ? filesUnder(reports) : []).map((f) => ({ where: f, text: readFileSync(f, 'utf8') })),
        ];
        assert.match(places.map((p) => p.text).join('\n'), named, 'the failure is not named as expected');
        const secrets = { ...AUTH_CANARIES, ...env, ACCESS_TOKEN, PRIVATE_KEY_BODY: privateKey.split('\n')[1] };
        for (const [secret, value] of Object.entries(secrets)) {
          const leaks = places.filter((p) => p.text.includes(value)).map((p) => p.where);
          assert.deepEqual(leaks, [], `${secret} leaked under ${name}`);
        }
      });
    }

    /** Points the target's SSP at a local HTTPS server whose certificate is signed by a CA the target does not list. */
    async function useUntrustedSsp(file: string): Promise<void> {
      const port = await pki.server({ key: pki.pem('other-ca.key'), cert: pki.pem('other-ca.pem') });
      writeFileSync(file, readFileSync(file, 'utf8').replace('https://localhost:1', `https://localhost:${port}`));
    }
  },
);

/** `gpc-assure run --target <file>` over the worked example, reports in `reports`. */
function runWithTarget(
  file: string,
  tags: string,
  reports: string,
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  return new Promise((done, fail) => {
    const args = [BIN, ...workedExampleRun(file, reports, tags)];
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env, GPC_ALLURE: '0' },
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code, output }));
  });
}
