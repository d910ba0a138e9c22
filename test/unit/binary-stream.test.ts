/**
 * A Binary retrieve is streamed (support/spine/http-body.ts, support/evidence/binary-stream.ts): its content
 * is digested as it arrives and never held whole. The tokenizer must give the same summary as the buffered
 * reading whatever the chunking, through gzip, and name a body that is not JSON or is too big; and the heap
 * probe (binary-heap-probe.ts, its own process) must show the harness's memory growing by at most twice the
 * largest retrievable document, while the unstreamed control grows by more, so the probe can fail.
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { summariseBinary } from '../../support/evidence/binary';
import { BinaryStream } from '../../support/evidence/binary-stream';
import { MAX_STREAMED_BYTES, streamedBinaryBody, type BodySink } from '../../support/spine/http-body';

const bytes = Buffer.from(Array.from({ length: 100_003 }, (_, i) => (i * 37) & 255));
const body = JSON.stringify({
  resourceType: 'Binary',
  id: 'doc-x',
  meta: { versionId: '2', tag: [{ code: 'a' }], n: 1.5, ok: true, none: null },
  content: bytes.toString('base64'),
  contentType: 'application/pdf',
});
const buffered = summariseBinary(body)!;

async function through(sink: BodySink, wire: Buffer, slice: number) {
  for (let at = 0; at < wire.length; at += slice) sink.push(wire.subarray(at, at + slice));
  return sink.end();
}

describe('a streamed Binary', () => {
  it('gives the buffered summary and body, however the body is cut', async () => {
    for (const slice of [1, 7, 4096, 65_536, body.length]) {
      const stream = new BinaryStream();
      const wire = Buffer.from(body);
      for (let at = 0; at < wire.length; at += slice) stream.write(wire.subarray(at, at + slice));
      const read = await stream.end();
      assert.deepEqual(read.summary, buffered.summary, `slices of ${slice}`);
      assert.deepEqual(JSON.parse(read.text), JSON.parse(buffered.body));
    }
  });

  it('decodes gzip as it streams', async () => {
    const read = await through(streamedBinaryBody('gzip'), gzipSync(body), 1000);
    assert.deepEqual(read.binary, buffered.summary);
  });

  it('a body with no content string is passed on whole, with no summary', async () => {
    const outcome = JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'x' }] });
    const read = await through(streamedBinaryBody(undefined), Buffer.from(outcome), 5);
    assert.equal(read.binary, undefined);
    assert.deepEqual(JSON.parse(read.text), JSON.parse(outcome));
  });

  it('a body that is not JSON keeps its start for the checks to name', async () => {
    const page = '<html><body>502 Bad Gateway</body></html>';
    const read = await through(streamedBinaryBody(undefined), Buffer.from(page), 8);
    assert.equal(read.text, page);
  });

  it(`a body that decodes to more than ${MAX_STREAMED_BYTES} bytes is refused as too big`, async () => {
    const bomb = gzipSync(Buffer.alloc(MAX_STREAMED_BYTES + 1024, 'A'));
    await assert.rejects(through(streamedBinaryBody('gzip'), bomb, 65_536), RangeError);
  });
});

describe('the heap probe: retrieving the largest retrievable document', () => {
  const probe = (mode: 'streamed' | 'buffered') =>
    JSON.parse(
      execFileSync(
        process.execPath,
        ['--import', 'tsx', '--expose-gc', join(__dirname, 'binary-heap-probe.ts'), mode],
        { encoding: 'utf8' },
      ),
    ) as { documentBytes: number; bytes: number; peakGrowthBytes: number; sha256: string; status: number };

  it('streamed: the harness grows by at most twice the document; unstreamed, by more', () => {
    const streamed = probe('streamed');
    const control = probe('buffered');
    const ratio = (r: { peakGrowthBytes: number; documentBytes: number }) =>
      (r.peakGrowthBytes / r.documentBytes).toFixed(2);
    console.log(
      `# ${streamed.documentBytes} bytes: streamed grew ${streamed.peakGrowthBytes} (${ratio(streamed)}×), unstreamed ${control.peakGrowthBytes} (${ratio(control)}×)`,
    );
    assert.equal(streamed.status, 200);
    assert.equal(streamed.bytes, streamed.documentBytes);
    assert.equal(streamed.sha256, control.sha256, 'the same document either way');
    assert.ok(
      streamed.peakGrowthBytes <= 2 * streamed.documentBytes,
      `streamed: grew ${ratio(streamed)}× the document`,
    );
    assert.ok(
      control.peakGrowthBytes > 2 * control.documentBytes,
      `the control must fail the bound: ${ratio(control)}×`,
    );
  });
});
