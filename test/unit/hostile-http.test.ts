/**
 * The simulators' HTTP edge under hostile clients (issue 20): an oversize body gets its 413 before the
 * socket closes, malformed HTTP and malformed percent-encoding get OperationOutcomes, and a client that
 * stops half-way through its headers is timed out.
 */
import { strict as assert } from 'node:assert';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { Faults } from '../../support/simulators/faults';
import { CLIENT_TIMEOUTS, type RunningServer } from '../../support/simulators/http-kit';
import { startPds } from '../../support/simulators/pds';

/** Sends raw bytes and collects whatever comes back until the server closes (or `waitMs` passes). */
function raw(port: number, bytes: string | Buffer, waitMs = 5_000): Promise<{ text: string; closedMs: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1');
    let text = '';
    socket.on('data', (d) => (text += d.toString('latin1')));
    socket.on('error', () => undefined);
    const timer = setTimeout(() => socket.destroy(), waitMs);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ text, closedMs: Date.now() - started });
    });
    socket.write(bytes);
  });
}

const outcomeOf = (text: string) => JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4)) as { resourceType: string };

describe('simulator HTTP edge', () => {
  let pds: RunningServer;
  const headersTimeout = CLIENT_TIMEOUTS.headersTimeoutMs;
  before(async () => {
    CLIENT_TIMEOUTS.headersTimeoutMs = 1_500;
    pds = await startPds({ port: 0, faults: new Faults() });
  });
  after(async () => {
    CLIENT_TIMEOUTS.headersTimeoutMs = headersTimeout;
    await pds.close();
  });

  it('answers 413 to a 3 MB body while the client is still sending, then closes', async () => {
    const body = Buffer.alloc(3_000_000, 'a');
    const head = `POST /x HTTP/1.1\r\nHost: a\r\nContent-Type: application/fhir+json\r\nTransfer-Encoding: chunked\r\n\r\n`;
    const chunked = Buffer.concat([
      Buffer.from(`${head}${body.length.toString(16)}\r\n`),
      body,
      Buffer.from('\r\n0\r\n\r\n'),
    ]);
    const { text } = await raw(pds.port, chunked);
    assert.match(text, /^HTTP\/1\.1 413 /);
    assert.equal(outcomeOf(text).resourceType, 'OperationOutcome');
  });

  it('answers 413 at once to a Content-Length over the cap', async () => {
    const { text } = await raw(pds.port, 'POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999\r\n\r\n');
    assert.match(text, /^HTTP\/1\.1 413 /);
  });

  for (const [what, bytes, status] of [
    ['a request line that is not HTTP', 'GARBAGE\r\n\r\n', 400],
    ['a header line without a colon', 'GET / HTTP/1.1\r\nHost: a\r\nBad Header\r\n\r\n', 400],
    ['80 KB of headers', `GET / HTTP/1.1\r\nHost: a\r\nX-Big: ${'b'.repeat(80_000)}\r\n\r\n`, 431],
    [
      'malformed percent-encoding in the NHS number',
      'GET /personal-demographics/FHIR/R4/Patient/%E2%zz HTTP/1.1\r\nHost: a\r\nX-Request-ID: 1\r\nConnection: close\r\n\r\n',
      400,
    ],
  ] as const) {
    it(`answers ${what} with ${status} and an OperationOutcome`, async () => {
      const { text } = await raw(pds.port, bytes);
      assert.match(text, new RegExp(`^HTTP/1\\.1 ${status} `));
      assert.equal(outcomeOf(text).resourceType, 'OperationOutcome');
    });
  }

  it('times out a client that stops half-way through its headers', async () => {
    const { text, closedMs } = await raw(pds.port, 'GET / HTTP/1.1\r\nHost: a\r\n', 10_000);
    assert.ok(closedMs < 5_000, `closed after ${closedMs} ms`);
    assert.match(text, /^HTTP\/1\.1 408 /);
  });
});
