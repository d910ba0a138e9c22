/**
 * The embedded provider's HTTPS mode (issue 16.3) holds the provider-side transport policy: with certificates made
 * now by openssl (test/unit/tls-certs.ts), a client with a certificate from the trusted CA gets an HTTP answer,
 * while plain HTTP, no client certificate, a certificate from another CA, TLS 1.1 and a cipher outside the list
 * get none. Skips, saying why, without openssl.
 */
import { strict as assert } from 'node:assert';
import http from 'node:http';
import https from 'node:https';
import { after, before, describe, it } from 'node:test';
import { Faults } from '../../support/simulators/faults';
import type { RunningServer } from '../../support/simulators/http-kit';
import { startProvider } from '../../support/simulators/provider';
import { providerTls } from '../../support/simulators/provider/tls-policy';
import { makePki, opensslMissing, type TestPki } from './tls-certs';

/** The status of an answer to GET /metadata, or the error that stopped the request before any answer. */
function answer(url: string, options: https.RequestOptions = {}): Promise<number | string> {
  const client = url.startsWith('https:') ? https : http;
  return new Promise((done) => {
    const req = client.get(url, { ...options, agent: false, timeout: 5_000 }, (res) => {
      res.resume();
      done(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (err: NodeJS.ErrnoException) => done(err.code ?? err.message));
  });
}

describe('the provider in HTTPS mode', { skip: opensslMissing }, () => {
  let pki: TestPki;
  let provider: RunningServer;
  let url: string;
  const client = () => ({ ca: pki.pem('ca.pem'), key: pki.pem('client.key'), cert: pki.pem('client.pem') });

  before(async () => {
    pki = makePki('provider-https');
    const tls = providerTls({ key: pki.pem('server.key'), cert: pki.pem('server.pem'), ca: pki.pem('ca.pem') });
    provider = await startProvider({ port: 0, faults: new Faults(), tls });
    url = `${provider.baseUrl}/A20047/STU3/1/gpconnect/metadata`;
  });
  after(async () => {
    await provider?.close();
    await pki?.close();
  });

  it('answers a client whose certificate chains to its CA over TLS 1.2', async () => {
    assert.match(provider.baseUrl, /^https:\/\/localhost:\d+$/);
    assert.equal(typeof (await answer(url, client())), 'number');
  });

  it('gives plain HTTP no HTTP answer', async () => {
    assert.equal(typeof (await answer(url.replace('https:', 'http:'))), 'string');
  });

  it('refuses a client with no certificate', async () => {
    assert.equal(typeof (await answer(url, { ca: pki.pem('ca.pem') })), 'string');
  });

  it('refuses a client certificate from another CA', async () => {
    const other = { ...client(), cert: pki.pem('other-ca.pem'), key: pki.pem('other-ca.key') };
    assert.equal(typeof (await answer(url, other)), 'string');
  });

  it('refuses TLS 1.1', async () => {
    const old = { ...client(), minVersion: 'TLSv1' as const, maxVersion: 'TLSv1.1' as const };
    assert.equal(typeof (await answer(url, old)), 'string');
  });

  it('refuses a cipher outside the preference list (AES128-SHA256)', async () => {
    const weak = { ...client(), ciphers: 'AES128-SHA256', maxVersion: 'TLSv1.2' as const };
    assert.equal(typeof (await answer(url, weak)), 'string');
  });
});
