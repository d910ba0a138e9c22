/**
 * Client TLS against local HTTPS servers with certificates made at test time by the openssl CLI: a good
 * handshake (CA bundle, PEM pair, PFX with passphrase), and each failure named: expired certificate, unknown
 * CA, wrong host name, missing client certificate, a TLS 1.1-only server, a refused cipher, a PFX with the
 * wrong passphrase. Skipped, saying why, when openssl is not installed.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { tlsAgent, tlsFailure, type ClientTls } from '../../support/spine/tls';
import { makePki, opensslMissing, type TestPki } from './tls-certs';

if (opensslMissing) console.log(`tls tests skipped: ${opensslMissing}`);
const PASSPHRASE = 'pfx-passphrase-for-tests';

/** One GET: 'ok', or the named TLS failure kind (or the raw code when it is not named). */
function get(host: string, port: number, client: ClientTls): Promise<string> {
  let agent: https.Agent;
  try {
    agent = tlsAgent(client);
  } catch (err) {
    return Promise.resolve(tlsFailure(err)?.kind ?? String(err));
  }
  return new Promise((resolve) => {
    const req = https.get(
      {
        host,
        port,
        path: '/',
        agent,
        lookup: (_h, o, cb) => (o.all ? cb(null, [{ address: '127.0.0.1', family: 4 }]) : cb(null, '127.0.0.1', 4)),
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve('ok'));
        res.on('error', (err) => resolve(tlsFailure(err)?.kind ?? String((err as { code?: string }).code)));
      },
    );
    req.on('error', (err) => resolve(tlsFailure(err)?.kind ?? `${(err as { code?: string }).code}: ${err.message}`));
  });
}

describe('client TLS to the SSP and provider', { skip: opensslMissing }, () => {
  let pki: TestPki;
  let mutual: number;
  const pem = (name: string) => pki.pem(name);
  const pfx = () => readFileSync(join(pki.dir, 'client.pfx'));
  before(async () => {
    pki = makePki(PASSPHRASE);
    mutual = await pki.server({ requestCert: true, rejectUnauthorized: true, ca: pem('ca.pem') });
  });
  after(() => pki.close());

  it('completes a handshake with the CA bundle and the host name on the certificate', async () => {
    assert.equal(await get('localhost', await pki.server(), { ca: pem('ca.pem') }), 'ok');
  });
  it('passes mutual TLS with the PEM client certificate and key', async () => {
    assert.equal(
      await get('localhost', mutual, { ca: pem('ca.pem'), cert: pem('client.pem'), key: pem('client.key') }),
      'ok',
    );
  });
  it('passes mutual TLS with the PFX and its passphrase', async () => {
    assert.equal(await get('localhost', mutual, { ca: pem('ca.pem'), pfx: pfx(), passphrase: PASSPHRASE }), 'ok');
  });

  /** Each bad case: the server it meets, the client it is, and the cause the harness must name. */
  const BAD: [string, () => Promise<number>, () => ClientTls, string, string?][] = [
    [
      'an expired server certificate',
      () => pki.server({ key: pem('expired.key'), cert: pem('expired.pem') }),
      () => ({ ca: pem('ca.pem') }),
      'tls-expired-cert',
    ],
    ['an unknown CA', () => pki.server(), () => ({ ca: pem('other-ca.pem') }), 'tls-unknown-ca'],
    [
      'a wrong host name (servername)',
      () => pki.server(),
      () => ({ ca: pem('ca.pem'), servername: 'ssp.gpc-assure.invalid' }),
      'tls-wrong-host',
    ],
    [
      'a wrong host name (an IP the certificate does not name)',
      () => pki.server(),
      () => ({ ca: pem('ca.pem') }),
      'tls-wrong-host',
      '127.0.0.1',
    ],
    ['a missing client certificate', async () => mutual, () => ({ ca: pem('ca.pem') }), 'tls-client-cert-refused'],
    [
      'a client certificate from a CA the server does not trust (TLS 1.2)',
      () => pki.server({ requestCert: true, rejectUnauthorized: true, ca: pem('other-ca.pem'), maxVersion: 'TLSv1.2' }),
      () => ({ ca: pem('ca.pem'), cert: pem('client.pem'), key: pem('client.key') }),
      'tls-handshake-closed',
    ],
    [
      'a TLS 1.1-only server',
      () => pki.server({ minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT:@SECLEVEL=0' }),
      () => ({ ca: pem('ca.pem') }),
      'tls-protocol-version',
    ],
    [
      'a cipher the Spine list refuses (AES128-SHA256)',
      () => pki.server({ maxVersion: 'TLSv1.2', ciphers: 'AES128-SHA256' }),
      () => ({ ca: pem('ca.pem') }),
      'tls-cipher-refused',
    ],
    [
      'a PFX with the wrong passphrase',
      async () => mutual,
      () => ({ ca: pem('ca.pem'), pfx: pfx(), passphrase: 'not-the-passphrase' }),
      'tls-client-material',
    ],
  ];
  for (const [name, server, client, cause, host] of BAD) {
    it(`names ${name}: ${cause}`, async () => {
      assert.equal(await get(host ?? 'localhost', await server(), client()), cause);
    });
  }
});
