/**
 * Issue 14 item 1: the codes the embedded PDS and SDS answer with are codes of the Spine-ErrorOrWarningCode
 * system their coding names, never codes of our own invention; and the check that says so can fail.
 */
import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { Faults } from '../../support/simulators/faults';
import { embeddedRegistry } from '../../support/simulators/fixtures/estate';
import type { RunningServer } from '../../support/simulators/http-kit';
import { PDS_BASE_PATH, startPds } from '../../support/simulators/pds';
import { SDS_BASE_PATH, startSds } from '../../support/simulators/sds';
import { spineCodingProblem, stu3SpineCodes } from '../../support/spine/spine-codes';

const servers: Record<string, RunningServer> = {};
const registry = embeddedRegistry('http://127.0.0.1:9');

before(async () => {
  for (const fault of ['', 'sds-errors-as-500', 'sds-codes-lower-case'])
    servers[`sds${fault}`] = await startSds({
      port: 0,
      faults: new Faults(fault ? [fault] : []),
      registry: () => registry,
    });
  for (const fault of ['', 'pds-500', 'pds-errors-as-500'])
    servers[`pds${fault}`] = await startPds({ port: 0, faults: new Faults(fault ? [fault] : []) });
});
after(() => Promise.all(Object.values(servers).map((s) => s.close())));

const SDS_REFUSED: [string, RequestInit][] = [
  ['/Endpoint?organization=x', { headers: { apikey: 'k' } }],
  ['/Practitioner?name=x', { headers: { apikey: 'k' } }],
  ['/Endpoint', { method: 'POST', headers: { apikey: 'k' } }],
  ['/Device?organization=x', {}],
];
const PDS_REFUSED: [string, RequestInit][] = [
  ['/Patient/9000000000', { headers: { 'X-Request-ID': randomUUID() } }],
  ['/Patient/9111231130', { headers: { 'X-Request-ID': randomUUID() } }],
  ['/Patient/9000000114', { headers: { 'X-Request-ID': randomUUID() } }],
  ['/Patient/9000000084', {}],
  ['/Patient/9000000084', { headers: { 'X-Request-ID': 'x' } }],
  ['/Patient/', { headers: { 'X-Request-ID': randomUUID() } }],
  ['/Patient/9000000084', { method: 'POST', headers: { 'X-Request-ID': randomUUID() } }],
];

async function codings(server: RunningServer, base: string, requests: [string, RequestInit][]) {
  return Promise.all(
    requests.map(async ([path, init]) => {
      const body = (await (await fetch(`${server.baseUrl}${base}${path}`, init)).json()) as {
        issue: { details: { coding: { system: string; code: string }[] } }[];
      };
      return { path, coding: body.issue[0].details.coding[0] };
    }),
  );
}

test('the CodeSystem has the codes the real SDS answers and none of the invented ones', () => {
  const codes = stu3SpineCodes();
  for (const code of ['BAD_REQUEST', 'NO_RECORD_FOUND', 'NOT_IMPLEMENTED', 'MISSING_OR_INVALID_HEADER'])
    assert.ok(codes.includes(code), code);
  for (const code of ['NOT_FOUND', 'METHOD_NOT_ALLOWED', 'NOT_ACCEPTABLE']) assert.ok(!codes.includes(code), code);
});

test('every SDS and PDS refusal, faulted to 500 or not, carries a code of the system it names', async () => {
  for (const key of ['sds', 'sdssds-errors-as-500'])
    for (const { path, coding } of await codings(servers[key], SDS_BASE_PATH, SDS_REFUSED))
      assert.equal(spineCodingProblem(coding), undefined, `${key} ${path}`);
  for (const key of ['pds', 'pdspds-500', 'pdspds-errors-as-500'])
    for (const { path, coding } of await codings(servers[key], PDS_BASE_PATH, PDS_REFUSED))
      assert.equal(spineCodingProblem(coding), undefined, `${key} ${path}`);
});

test('a code outside the CodeSystem is caught (sds-codes-lower-case)', async () => {
  for (const { path, coding } of await codings(servers['sdssds-codes-lower-case'], SDS_BASE_PATH, SDS_REFUSED))
    assert.match(spineCodingProblem(coding) ?? '', /is not a code of/, path);
});
