/**
 * Client TLS end to end, the way a run uses it: a target file naming the material (file: and ${ENV}
 * references), loaded and checked, then GP Connect requests through sendGpc to local HTTPS servers. A right
 * client certificate passes (PEM pair, or PFX + passphrase); each bad case fails as a named TLS transport
 * fault on the SSP hop, with evidence recorded.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseTargetText, type Target } from '../../support/config/target';
import { interaction } from '../../support/interactions';
import { EvidenceLog, type HttpResult } from '../../support/spine/http';
import { sendGpc } from '../../support/spine/ssp-client';
import { answeringHop } from '../../support/world/checks';
import { makePki, opensslMissing, type TestPki } from './tls-certs';
import { targetYaml } from './target-yaml';

const PASSPHRASE = 'pfx-passphrase-e2e-0042';

const metadata = (target: Target): Promise<HttpResult> =>
  sendGpc(new EvidenceLog(), target, {
    interaction: interaction('read metadata'),
    root: 'https://provider.example/GP0001/STU3/1',
    providerAsid: '918999198993',
  });

describe('client TLS from the target file through the SSP client', { skip: opensslMissing }, () => {
  let pki: TestPki;
  let mutual: number;
  const load = (ssp: string, tls?: string) => parseTargetText(targetYaml(ssp, tls), 'tls-test.yaml', pki.dir);
  const pemTls = '{ cert: "file:client.pem", key: "file:client.key", ca: "file:ca.pem" }';
  before(async () => {
    pki = makePki(PASSPHRASE);
    mutual = await pki.server({ requestCert: true, rejectUnauthorized: true, ca: pki.pem('ca.pem') });
  });
  after(() => pki.close());

  it('passes mutual TLS with a PEM pair from files', async () => {
    const result = await metadata(load(`https://localhost:${mutual}`, pemTls));
    assert.equal(result.transport, undefined);
    assert.equal(result.status, 200);
  });
  it('passes mutual TLS with a PFX given as base64 in ${ENV} and its passphrase in ${ENV}', async () => {
    process.env.GPC_TEST_SSP_PFX = readFileSync(join(pki.dir, 'client.pfx')).toString('base64');
    process.env.GPC_TEST_SSP_PASSPHRASE = PASSPHRASE;
    const result = await metadata(
      load(
        `https://localhost:${mutual}`,
        '{ pfx: "${GPC_TEST_SSP_PFX}", passphrase: "${GPC_TEST_SSP_PASSPHRASE}", ca: "file:ca.pem" }',
      ),
    );
    assert.equal(result.status, 200, result.transport?.message);
  });

  /** The server met, the tls block used, the host in the URL, and the named cause in the fault message. */
  const BAD: [string, () => Promise<number>, string, string, string][] = [
    [
      'a missing client certificate',
      async () => mutual,
      '{ ca: "file:ca.pem" }',
      'localhost',
      'tls-client-cert-refused',
    ],
    [
      'an expired server certificate',
      () => pki.server({ key: pki.pem('expired.key'), cert: pki.pem('expired.pem') }),
      pemTls,
      'localhost',
      'tls-expired-cert',
    ],
    ['an unknown CA', () => pki.server(), '{ ca: "file:other-ca.pem" }', 'localhost', 'tls-unknown-ca'],
    ['a wrong host name', () => pki.server(), pemTls, '127.0.0.1', 'tls-wrong-host'],
    [
      'a TLS 1.1-only server',
      () => pki.server({ minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT:@SECLEVEL=0' }),
      pemTls,
      'localhost',
      'tls-protocol-version',
    ],
    [
      'a refused cipher',
      () => pki.server({ maxVersion: 'TLSv1.2', ciphers: 'AES128-SHA256' }),
      pemTls,
      'localhost',
      'tls-cipher-refused',
    ],
    // The server hangs up mid-handshake (a plain reset on the wire): still named as TLS, not as a reset.
    [
      'a client certificate the server does not trust',
      () =>
        pki.server({ requestCert: true, rejectUnauthorized: true, ca: pki.pem('other-ca.pem'), maxVersion: 'TLSv1.2' }),
      pemTls,
      'localhost',
      'tls-handshake-closed',
    ],
  ];
  for (const [name, server, tls, host, cause] of BAD) {
    it(`names ${name} on the SSP hop: ${cause}`, async () => {
      const result = await metadata(load(`https://${host}:${await server()}`, tls));
      assert.equal(result.status, undefined);
      assert.equal(result.transport?.kind, 'tls');
      assert.match(result.transport!.message, new RegExp(`^tls: ${cause}: `));
      assert.equal(result.exchange.hop, 'ssp');
      assert.equal(result.exchange.transportError?.kind, 'tls');
      assert.equal(answeringHop('provider', result), 'ssp', 'a failed handshake with the SSP is blamed on the SSP hop');
    });
  }
  it('checks the server certificate over https even with no ssp.tls block (system CAs: the test CA is unknown)', async () => {
    const result = await metadata(load(`https://localhost:${await pki.server()}`));
    assert.match(result.transport?.message ?? '', /tls-unknown-ca/);
  });
  it('blames the SSP for its client-certificate statuses 495, 496 and 497', async () => {
    const result = await metadata(load(`https://localhost:${await pki.server()}`, '{ ca: "file:ca.pem" }'));
    for (const status of [495, 496, 497]) {
      assert.equal(
        answeringHop('provider', { ...result, status, text: '<html>400 The SSL certificate error</html>' }),
        'ssp',
        `HTTP ${status}`,
      );
    }
  });
});
