import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startPds, PDS_BASE_PATH } from '../../support/simulators/pds';
import { startSds, SDS_BASE_PATH } from '../../support/simulators/sds';
import { Faults } from '../../support/simulators/faults';
import { embeddedRegistry } from '../../support/simulators/fixtures/estate';
import type { RunningServer } from '../../support/simulators/http-kit';
import { SYS } from '../../support/spine/systems';

const json = async (r: Response | Promise<Response>): Promise<any> => (await r).json();

let pds: RunningServer;
let sds: RunningServer;
let faultyPds: RunningServer;
const registry = embeddedRegistry('http://127.0.0.1:9');

before(async () => {
  pds = await startPds({ port: 0, faults: new Faults() });
  faultyPds = await startPds({ port: 0, faults: new Faults(['pds-no-gp']) });
  sds = await startSds({ port: 0, faults: new Faults(), registry: () => registry });
});
after(async () => Promise.all([pds.close(), sds.close(), faultyPds.close()]));

const trace = (
  server: RunningServer,
  nhs: string,
  headers: Record<string, string> = { 'X-Request-ID': randomUUID() },
) => fetch(`${server.baseUrl}${PDS_BASE_PATH}/Patient/${nhs}`, { headers });

test('PDS: normal, superseded, restricted, not found, invalid, invalidated, missing X-Request-ID', async () => {
  const normal = await trace(pds, '9000000084');
  assert.equal(normal.status, 200);
  const body = await json(normal);
  assert.equal(body.generalPractitioner[0].identifier.value, 'T99999');
  assert.equal((await json(await trace(pds, '9000000033'))).id, '9000000106');
  const restricted = await json(trace(pds, '9000000025'));
  assert.equal(restricted.meta.security[0].code, 'R');
  assert.equal(restricted.generalPractitioner, undefined);
  assert.equal((await trace(pds, '9111231130')).status, 404);
  assert.equal((await trace(pds, '9000000000')).status, 400);
  assert.match(await (await trace(pds, '9000000114')).text(), /INVALIDATED_RESOURCE/);
  const noId = await trace(pds, '9000000084', {});
  assert.equal(noId.status, 400);
  assert.equal((await json(noId)).resourceType, 'OperationOutcome');
  assert.equal((await fetch(`${pds.baseUrl}/nowhere`, { method: 'DELETE' })).status, 404);
});

test('PDS fault pds-no-gp drops generalPractitioner', async () => {
  assert.equal((await json(await trace(faultyPds, '9000000084'))).generalPractitioner, undefined);
});

const sdsGet = (path: string, headers: Record<string, string> = { apikey: 'k' }) =>
  fetch(`${sds.baseUrl}${SDS_BASE_PATH}${path}`, { headers });
const q = (s: string) => encodeURIComponent(s);

test('SDS: the two-step lookup yields one Endpoint and one Device from the registry', async () => {
  const metadata = 'urn:nhs:names:services:gpconnect:fhir:rest:read:metadata-1';
  const ep = await json(
    sdsGet(`/Endpoint?organization=${q(`${SYS.odsOrg}|T99999`)}&identifier=${q(`${SYS.interactionId}|${metadata}`)}`),
  );
  assert.equal(ep.type, 'searchset');
  assert.equal(ep.total, 1);
  const endpoint = ep.entry[0].resource;
  assert.equal(endpoint.address, 'http://127.0.0.1:9/T99999/STU3/1/gpconnect');
  const partyKey = endpoint.identifier.find((i: { system: string }) => i.system === SYS.partyKey).value;
  const dev = await json(
    sdsGet(
      `/Device?organization=${q(`${SYS.odsOrg}|T99999`)}&identifier=${q(`${SYS.interactionId}|${metadata}`)}&identifier=${q(`${SYS.partyKey}|${partyKey}`)}`,
    ),
  );
  assert.equal(dev.total, 1);
  assert.equal(dev.entry[0].resource.identifier[0].value, '999999999999');
});

test('SDS answers its own errors: 400 bad params, 404 path, 405 method, 406 Accept, 401 no apikey', async () => {
  assert.equal((await sdsGet(`/Endpoint?organization=${q(`${SYS.odsOrg}|T99999`)}`)).status, 400);
  assert.equal((await sdsGet('/Nothing')).status, 404);
  assert.equal(
    (await fetch(`${sds.baseUrl}${SDS_BASE_PATH}/Endpoint`, { method: 'POST', headers: { apikey: 'k' } })).status,
    405,
  );
  const honest = `/Endpoint?organization=${q(`${SYS.odsOrg}|T99999`)}&identifier=${q(`${SYS.interactionId}|x`)}`;
  assert.equal((await sdsGet(honest, { apikey: 'k', Accept: 'text/html' })).status, 406);
  // The query is checked before Accept, as the real SDS does: a bad query is a 400 whatever the Accept.
  assert.equal((await sdsGet('/Endpoint', { apikey: 'k', Accept: 'text/html' })).status, 400);
  assert.equal((await sdsGet(`/Device?organization=${q(`${SYS.odsOrg}|T99999`)}`, {})).status, 401);
});
