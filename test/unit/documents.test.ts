/**
 * Access Document units (issue 15): the search query rules, the Binary summary the evidence keeps instead
 * of the bytes, and the harness's heap over a retrieve of the largest fixture Binary.
 */
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { summariseBinary } from '../../support/evidence/binary';
import type { Exchange } from '../../support/evidence/types';
import { binaryView } from '../../support/reports/html-evidence';
import {
  DocumentQueryError,
  documentSearchQuery,
  matches,
  readDocumentQuery,
} from '../../support/gpconnect/document-query';
import { DOCUMENTS, LARGEST_RETRIEVABLE, documentBytes } from '../../support/simulators/provider/documents/records';
import { EvidenceLog, send } from '../../support/spine/http';

const strict = { requireIncludes: true, checkAuthor: true };
const read = (q: string) => readDocumentQuery(new URLSearchParams(q), strict);

test('the search query: includes are mandatory, created takes ge/le, author must be an ODS code', () => {
  assert.deepEqual(read(documentSearchQuery()), {});
  assert.throws(() => read(''), DocumentQueryError);
  assert.throws(() => read(documentSearchQuery('created=gt2020-01-01')), /ge or le/);
  assert.throws(() => read(documentSearchQuery('created=ge2023-01-01&created=le2020-01-01')), /after/);
  assert.throws(() => read(documentSearchQuery('author=https://fhir.nhs.uk/Id/sds-user-id|G1')), /ODS/);
  const q = read(documentSearchQuery('created=ge2022&author=https://fhir.nhs.uk/Id/ods-organization-code|RTT01'));
  const found = DOCUMENTS.filter((d) => matches(d, q)).map((d) => d.id);
  assert.deepEqual(found, ['doc-2', 'doc-4']);
});

test('the evidence keeps a Binary by content type, size and sha256, never its bytes', () => {
  const bytes = documentBytes(DOCUMENTS[0]);
  const text = JSON.stringify({
    resourceType: 'Binary',
    id: 'd',
    contentType: 'application/pdf',
    content: bytes.toString('base64'),
  });
  const kept = summariseBinary(text);
  assert.ok(kept);
  assert.deepEqual(kept.summary, {
    contentType: 'application/pdf',
    bytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  });
  assert.ok(!kept.body.includes(bytes.toString('base64').slice(0, 64)));
  assert.ok(kept.body.length < 400, `evidence body ${kept.body.length} characters`);
  assert.equal(summariseBinary('{"resourceType":"Bundle"}'), undefined);
  const html = String(
    binaryView({
      response: { status: 200, headers: {}, body: kept.body, binary: kept.summary },
    } as unknown as Exchange),
  );
  assert.match(html, /application\/pdf/);
  assert.match(html, new RegExp(`${bytes.length} bytes`));
  assert.match(html, new RegExp(kept.summary.sha256));
});

/** gc() without starting node with --expose-gc. */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

test('retrieving the largest Binary grows the harness heap by no more than twice its size', async () => {
  const doc = LARGEST_RETRIEVABLE;
  // The answer is prepared as one Buffer (outside the JS heap), so only the harness's side is measured.
  const answer = Buffer.from(
    JSON.stringify({
      resourceType: 'Binary',
      id: doc.id,
      meta: { versionId: '1' },
      contentType: doc.contentType,
      content: documentBytes(doc).toString('base64'),
    }),
  );
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/fhir+json;charset=utf-8', 'Content-Length': answer.length });
    res.end(answer);
  });
  await new Promise<void>((up) => server.listen(0, '127.0.0.1', up));
  const gc = collector();
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/Binary/${doc.id}`;
    const call = { hop: 'provider' as const, method: 'GET', url, headers: {}, timeoutMs: 10_000 };
    await send(new EvidenceLog(), call); // warm up the client path
    gc();
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 1);
    const log = new EvidenceLog();
    const result = await send(log, call);
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    gc();
    const retained = process.memoryUsage().heapUsed - before;
    const mib = (n: number) => `${(n / 1024 / 1024).toFixed(2)} MiB`;
    console.log(
      `largest Binary ${doc.id}: ${mib(doc.size)} (${mib(answer.length)} on the wire); harness heap retained +${mib(retained)}, sampled peak +${mib(peak - before)}; evidence body ${log.exchanges[0].response?.body?.length} characters`,
    );
    assert.equal(result.status, 200);
    assert.equal(log.exchanges[0].response?.binary?.bytes, doc.size);
    assert.ok(retained <= 2 * doc.size, `the heap kept ${mib(retained)} for a ${mib(doc.size)} document`);
    assert.ok(peak - before <= 2 * doc.size, `the heap grew by ${mib(peak - before)} for a ${mib(doc.size)} document`);
  } finally {
    server.close();
  }
});
