/**
 * Client TLS against local HTTPS servers with certificates made at test time by the openssl CLI: a good
 * handshake, and each failure named (unknown CA, wrong host name, no client certificate, a TLS 1.1-only
 * server, a refused cipher, plain HTTP on the port). Skipped, saying why, when openssl is not installed.
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { tlsAgent, tlsFailure, type ClientTls } from '../../support/spine/tls';

const openssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const skip = openssl ? false : 'the openssl CLI is not installed: no certificates to test with';
if (!openssl) console.log(`tls tests skipped: ${skip}`);

const dir = mkdtempSync(join(tmpdir(), 'gpc-assure-tls-'));
const pem = (name: string) => readFileSync(join(dir, name), 'utf8');
const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });

/** A leaf certificate signed by the test CA, with one X.509 extension. */
function makeLeaf(leaf: string, ext: string): void {
  writeFileSync(join(dir, `${leaf}.ext`), ext);
  run('x509', '-req', '-in', `${leaf}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${leaf}.pem`, '-days', '2', '-extfile', `${leaf}.ext`);
}

const servers: https.Server[] = [];
async function server(opts: https.ServerOptions): Promise<number> {
  const s = https.createServer({ key: pem('server.key'), cert: pem('server.pem'), ...opts }, (_req, res) => res.end('ok'));
  s.on('tlsClientError', () => undefined);
  servers.push(s);
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  return (s.address() as AddressInfo).port;
}

/** One GET: 'ok', or the named TLS failure kind (or the raw code when it is not named). */
function get(host: string, port: number, client: ClientTls): Promise<string> {
  return new Promise((resolve) => {
    const req = https.get({ host, port, path: '/', agent: tlsAgent(client), lookup: (_h, o, cb) => (o.all ? cb(null, [{ address: '127.0.0.1', family: 4 }]) : cb(null, '127.0.0.1', 4)) }, (res) => {
      res.resume();
      res.on('end', () => resolve('ok'));
      res.on('error', (err) => resolve(tlsFailure(err)?.kind ?? String((err as { code?: string }).code)));
    });
    req.on('error', (err) => resolve(tlsFailure(err)?.kind ?? `${(err as { code?: string }).code}: ${err.message}`));
  });
}

describe('client TLS to the SSP and provider', { skip }, () => {
  let plain: number;
  before(async () => {
    for (const ca of ['ca', 'other-ca']) run('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${ca}.key`, '-out', `${ca}.pem`, '-days', '2', '-subj', `/CN=gpc-assure ${ca}`);
    for (const leaf of ['server', 'client']) run('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${leaf}.key`, '-out', `${leaf}.csr`, '-subj', `/CN=${leaf === 'server' ? 'localhost' : 'gpc-assure client'}`);
    makeLeaf('server', 'subjectAltName=DNS:localhost\n');
    makeLeaf('client', 'extendedKeyUsage=clientAuth\n');
    plain = await server({});
  });
  after(async () => {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    rmSync(dir, { recursive: true, force: true });
  });

  it('completes a handshake with the CA bundle and the host name on the certificate', async () => {
    assert.equal(await get('localhost', plain, { ca: pem('ca.pem') }), 'ok');
  });
  it('names an unknown CA', async () => {
    assert.equal(await get('localhost', plain, { ca: pem('other-ca.pem') }), 'tls-unknown-ca');
  });
  it('names a wrong host name', async () => {
    assert.equal(await get('localhost', plain, { ca: pem('ca.pem'), servername: 'ssp.gpc-assure.invalid' }), 'tls-wrong-host');
  });
  it('names a missing client certificate, and passes with one', async () => {
    const mutual = await server({ requestCert: true, rejectUnauthorized: true, ca: pem('ca.pem') });
    assert.equal(await get('localhost', mutual, { ca: pem('ca.pem') }), 'tls-client-cert-refused');
    assert.equal(await get('localhost', mutual, { ca: pem('ca.pem'), cert: pem('client.pem'), key: pem('client.key') }), 'ok');
  });
  it('names a TLS 1.1-only server', async () => {
    const old = await server({ minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT:@SECLEVEL=0' });
    assert.equal(await get('localhost', old, { ca: pem('ca.pem') }), 'tls-protocol-version');
  });
  it('names a cipher the Spine list refuses (AES128-SHA256)', async () => {
    const weak = await server({ maxVersion: 'TLSv1.2', ciphers: 'AES128-SHA256' });
    assert.equal(await get('localhost', weak, { ca: pem('ca.pem') }), 'tls-cipher-refused');
  });
});
