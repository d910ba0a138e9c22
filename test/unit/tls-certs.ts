/**
 * Certificates made at test time by the openssl CLI (nothing committed): two CAs, a server certificate for
 * localhost, an expired one, a client certificate, and the client pair as a PFX with a passphrase. Plus
 * local HTTPS servers to shake hands with. Tests skip, saying why, when openssl is not installed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const opensslMissing: false | string = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return false;
  } catch {
    return 'the openssl CLI is not installed: no certificates to test with';
  }
})();

export interface TestPki {
  dir: string;
  pem: (name: string) => string;
  /** An HTTPS server answering 200 'ok'; server.pem for localhost unless the options say otherwise. */
  server: (opts?: https.ServerOptions) => Promise<number>;
  close: () => Promise<void>;
}

/** Builds the PKI in a fresh temporary directory; `pfxPassphrase` protects client.pfx. */
export function makePki(pfxPassphrase: string): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'gpc-assure-tls-'));
  const pem = (name: string) => readFileSync(join(dir, name), 'utf8');
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
  /** A leaf signed by the test CA; negative days make it already expired (notAfter before notBefore). */
  const leaf = (name: string, cn: string, ext: string, days = '2') => {
    run('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${cn}`);
    writeFileSync(join(dir, `${name}.ext`), ext);
    run(
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      `${name}.pem`,
      '-days',
      days,
      '-extfile',
      `${name}.ext`,
    );
  };
  for (const ca of ['ca', 'other-ca'])
    run(
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      `${ca}.key`,
      '-out',
      `${ca}.pem`,
      '-days',
      '2',
      '-subj',
      `/CN=gpc-assure ${ca}`,
    );
  leaf('server', 'localhost', 'subjectAltName=DNS:localhost\n');
  leaf('expired', 'localhost', 'subjectAltName=DNS:localhost\n', '-1');
  leaf('client', 'gpc-assure client', 'extendedKeyUsage=clientAuth\n');
  run(
    'pkcs12',
    '-export',
    '-in',
    'client.pem',
    '-inkey',
    'client.key',
    '-out',
    'client.pfx',
    '-passout',
    `pass:${pfxPassphrase}`,
  );

  const servers: https.Server[] = [];
  return {
    dir,
    pem,
    async server(opts = {}) {
      const s = https.createServer({ key: pem('server.key'), cert: pem('server.pem'), ...opts }, (_req, res) =>
        res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok'),
      );
      s.on('tlsClientError', () => undefined);
      servers.push(s);
      await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
      return (s.address() as AddressInfo).port;
    },
    async close() {
      await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
