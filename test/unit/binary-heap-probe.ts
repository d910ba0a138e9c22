/**
 * The heap probe of issue 15, run as its own process by binary-stream.test.ts:
 *   node --import tsx --expose-gc test/unit/binary-heap-probe.ts streamed|buffered
 * It serves the largest retrievable fixture document as a FHIR Binary from a local server that writes it in
 * 48 KiB slices (the server holds only the document's bytes, allocated before the baseline), retrieves it with
 * the harness's HTTP client and then reads it as the DOC-BINARY check does. At every slice and after each step
 * it collects garbage and samples what the process holds (V8's heap plus external memory, where Buffers
 * live); without the collection the figure would be garbage V8 had not yet swept, not what the harness keeps.
 * Prints { documentBytes, peakGrowthBytes, sha256, … }. `buffered` is the control: the same retrieve without
 * streamBinary, as every retrieve was before.
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EvidenceLog, parseJson, send } from '../../support/spine/http';
import { documentBytes, LARGEST_RETRIEVABLE } from '../../support/simulators/provider/documents/records';

const mode = process.argv[2] === 'buffered' ? 'buffered' : 'streamed';
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

const document = documentBytes(LARGEST_RETRIEVABLE);
const SLICE = 48 * 1024; // a multiple of 3, so each slice is whole base64
const head = JSON.stringify({
  resourceType: 'Binary',
  id: LARGEST_RETRIEVABLE.id,
  meta: { versionId: '1' },
  contentType: LARGEST_RETRIEVABLE.contentType,
}).replace(/}$/, ',"content":"');
const length = Buffer.byteLength(head) + Math.ceil(document.length / 3) * 4 + 2;

const used = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
};
let peak = 0;
/** After a full collection: what the process holds at that moment, not the garbage V8 has yet to sweep. */
const sample = () => {
  gc!();
  peak = Math.max(peak, used());
};

const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/fhir+json;charset=utf-8', 'content-length': String(length) });
  res.write(head);
  let at = 0;
  const next = () => {
    sample();
    if (at >= document.length) return res.end('"}');
    const slice = document.subarray(at, at + SLICE).toString('base64');
    at += SLICE;
    if (res.write(slice)) setImmediate(next);
    else res.once('drain', next);
  };
  next();
});

async function main(): Promise<void> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  gc!();
  gc!();
  const baseline = used();
  peak = baseline;
  const log = new EvidenceLog();
  const result = await send(log, {
    hop: 'ssp',
    interaction: 'retrieve document',
    method: 'GET',
    url: `http://127.0.0.1:${port}/Binary/${LARGEST_RETRIEVABLE.id}`,
    headers: { Accept: 'application/fhir+json' },
    timeoutMs: 20_000,
    streamBinary: mode === 'streamed',
  });
  sample();
  // What DOC-BINARY then does with the answer: parse it and size its content.
  const parsed = parseJson(result.text);
  const binary = (parsed.ok ? parsed.value : {}) as { content?: string };
  const summary = result.exchange.response?.binary;
  const bytes =
    summary?.bytes ?? (typeof binary.content === 'string' ? Buffer.from(binary.content, 'base64').length : -1);
  sample();
  server.close();
  process.stdout.write(
    `${JSON.stringify({ mode, documentBytes: document.length, bytes, peakGrowthBytes: peak - baseline, sha256: summary?.sha256, status: result.status, transport: result.transport })}\n`,
  );
}

void main();
