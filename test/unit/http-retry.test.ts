/**
 * Retries only where they are safe (support/spine/http.ts): a GET whose connection was reset is sent once
 * more with the same headers, so PDS sees the same X-Request-ID (CON-PDS-REQUEST-ID: reuse it when retrying); a POST
 * or PUT is never sent twice, whatever the caller asks, because a booking sent twice is a double booking.
 */
import { strict as assert } from 'node:assert';
import http, { type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Target } from '../../support/config/target';
import { EvidenceLog, send } from '../../support/spine/http';
import { tracePatient } from '../../support/spine/pds-client';

/** A server that resets the connection for the first `resets` requests, then answers 200; it keeps what it saw. */
function flakyServer(resets: number) {
  const seen: IncomingMessage[] = [];
  const server = http.createServer((req, res) => {
    seen.push(req);
    req.resume();
    req.on('end', () => {
      if (seen.length <= resets) return void (req.socket as Socket).resetAndDestroy();
      res
        .writeHead(200, { 'Content-Type': 'application/fhir+json' })
        .end(JSON.stringify({ resourceType: 'Patient', id: '9000000009' }));
    });
  });
  return {
    seen,
    reset: () => void seen.splice(0),
    url: () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    start: () => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve)),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('retries: a reset GET once more with the same X-Request-ID; a POST or PUT never', () => {
  const once = flakyServer(1);
  const always = flakyServer(Infinity);
  before(() => Promise.all([once.start(), always.start()]));
  after(() => Promise.all([once.stop(), always.stop()]));

  it('a PDS trace whose connection is reset is retried once, with the same X-Request-ID, and succeeds', async () => {
    once.reset();
    const log = new EvidenceLog();
    const target = { pds: { baseUrl: `${once.url()}/personal-demographics/FHIR/R4`, timeoutMs: 2_000 } } as Target;
    const result = await tracePatient(log, target, '9000000009');
    assert.equal(result.status, 200);
    assert.equal(once.seen.length, 2, 'one retry');
    const ids = once.seen.map((r) => r.headers['x-request-id']);
    assert.match(String(ids[0]), /^[0-9a-f-]{36}$/);
    assert.equal(ids[1], ids[0], 'the retry reuses the X-Request-ID');
    // Both attempts are evidence: the reset one names its kind.
    assert.deepEqual(
      log.exchanges.map((e) => e.transportError?.kind ?? e.response?.status),
      ['connection-reset', 200],
    );
  });

  it('a GET is retried only once: a second reset is the answer, named connection-reset', async () => {
    always.reset();
    const log = new EvidenceLog();
    const result = await send(log, {
      hop: 'pds',
      method: 'GET',
      url: `${always.url()}/Patient/9000000009`,
      headers: { 'X-Request-ID': 'f'.repeat(8) },
      timeoutMs: 2_000,
      retries: 1,
    });
    assert.equal(result.transport?.kind, 'connection-reset');
    assert.equal(always.seen.length, 2);
  });

  for (const method of ['POST', 'PUT']) {
    it(`a ${method} whose connection is reset is never sent again, even with retries asked for`, async () => {
      once.reset();
      const log = new EvidenceLog();
      const result = await send(log, {
        hop: 'ssp',
        method,
        url: `${once.url()}/https://provider.example/T99999/STU3/1/gpconnect/Appointment${method === 'PUT' ? '/1' : ''}`,
        headers: { 'Content-Type': 'application/fhir+json' },
        body: '{"resourceType":"Appointment"}',
        timeoutMs: 2_000,
        retries: 3,
      });
      assert.equal(result.transport?.kind, 'connection-reset');
      assert.equal(once.seen.length, 1, `${method} sent once only`);
      assert.equal(log.exchanges.length, 1);
    });
  }
});
