import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { interaction } from '../../support/interactions';
import { Faults } from '../../support/simulators/faults';
import {
  CONSUMER,
  PRACTICES,
  SLOW_PRACTICE,
  UNAGREED_CONSUMER,
  UNREACHABLE_PRACTICE,
  embeddedRegistry,
} from '../../support/simulators/fixtures/estate';
import type { RunningServer } from '../../support/simulators/http-kit';
import { startProvider } from '../../support/simulators/provider';
import { serviceRoot } from '../../support/domain/registry';
import { startSsp } from '../../support/simulators/ssp';
import { SSP_RULES, sspLenientFault, type SspRuleId } from '../../support/spine/ssp-rules';

/** Response bodies are read loosely: the assertions say what shape they expect. */
type Json = any;

const METADATA = interaction('read metadata');
const practice = PRACTICES[0];
const stopAfter: { close(): Promise<void> | void }[] = [];

/** Starts a plain node:http server playing the provider; `onRequest` decides what it does. */
async function fakeProvider(onRequest: http.RequestListener): Promise<string> {
  const server = http.createServer(onRequest);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  stopAfter.push({
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function sspFor(providerBase: string, faults: string[] = [], timeoutMs?: number): Promise<RunningServer> {
  const ssp = await startSsp({
    port: 0,
    faults: new Faults(faults),
    registry: embeddedRegistry(providerBase),
    timeoutMs,
  });
  stopAfter.push(ssp);
  return ssp;
}

interface SspCall {
  /** Everything after the SSP's `/`: defaults to the practice's appointments root + /metadata. */
  target?: string;
  method?: string;
  body?: string;
  headers?: Record<string, string | undefined>;
}

function sspHeaders(overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const headers = {
    'Ssp-TraceID': randomUUID(),
    'Ssp-From': CONSUMER.asid,
    'Ssp-To': practice.asid,
    'Ssp-InteractionID': METADATA.interactionId,
    ...overrides,
  };
  return Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== undefined)) as Record<string, string>;
}

async function viaSsp(
  ssp: RunningServer,
  providerBase: string,
  c: SspCall = {},
): Promise<{ res: Response; text: string; body: Json }> {
  const target = c.target ?? `${serviceRoot(providerBase, practice.ods, 'appointments')}/metadata`;
  const res = await fetch(`${ssp.baseUrl}/${target}`, {
    method: c.method ?? 'GET',
    headers: sspHeaders(c.headers),
    body: c.body,
  });
  const text = await res.text();
  let body: Json;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { res, text, body };
}

const display = (body: Json) => body.issue[0].details.coding[0].display;
const GPC_OUTCOME = 'https://fhir.nhs.uk/STU3/StructureDefinition/GPConnect-OperationOutcome-1';

let provider: RunningServer;
let ssp: RunningServer;

before(async () => {
  provider = await startProvider({ port: 0, faults: new Faults() });
  ssp = await sspFor(provider.baseUrl);
});
after(async () => {
  for (const s of stopAfter) await s.close();
  await provider.close();
});

/** One refusal: the rule it enforces (none for an unreadable target), the request, and the answer. */
type RefusalCase = [
  rule: SspRuleId | undefined,
  what: string,
  call: SspCall,
  status: number,
  issueCode: string,
  display: RegExp,
];

function refusalCases(): RefusalCase[] {
  const root = serviceRoot(provider.baseUrl, practice.ods, 'appointments');
  return [
    [undefined, 'target', { target: 'not-a-url/metadata' }, 400, 'invalid', /not-a-url/],
    ['SSP-METHOD', 'method', { method: 'DELETE' }, 405, 'not-supported', /^405: Method Not Allowed$/],
    [
      'SSP-MEDIA',
      'media type',
      { method: 'POST', body: 'x', headers: { 'Content-Type': 'text/plain' } },
      415,
      'not-supported',
      /^Unsupported_Media_Type$/,
    ],
    ['SSP-HEADERS', 'headers', { headers: { 'Ssp-TraceID': undefined } }, 400, 'invalid', /Ssp-TraceID/],
    [
      'SSP-ASID',
      'sender',
      { headers: { 'Ssp-From': '200000000000' } },
      403,
      'forbidden',
      /^ASID_CHECK_FAILED_MESSAGESENDER_200000000000$/,
    ],
    [
      'SSP-PARTYKEY',
      'receiver',
      { headers: { 'Ssp-To': '123456789012' } },
      403,
      'forbidden',
      /^PARTYKEY_INTERACTION_CHECK_FAILED_MESSAGERECEIVER_123456789012$/,
    ],
    [
      'SSP-FOT',
      'agreement',
      { headers: { 'Ssp-From': UNAGREED_CONSUMER.asid } },
      403,
      'forbidden',
      new RegExp(`^FOT_CHECK_FAILED_MESSAGESENDER_${UNAGREED_CONSUMER.asid}_MESSAGERECEIVER_${practice.asid}$`),
    ],
    [
      'SSP-URL',
      'URL case',
      { target: `${root.replace('STU3', 'stu3')}/metadata` },
      400,
      'invalid',
      /^ENDPOINT_http:\/\/127\.0\.0\.1:\d+\/T99999\/STU3\/1\/gpconnect_CPAID_\w+_VARIES_FROM_TARGETURL_.*stu3/,
    ],
    ['SSP-URL', 'URL trailing slash', { target: `${root}//metadata` }, 400, 'invalid', /_VARIES_FROM_TARGETURL_/],
    [
      'SSP-URL',
      'URL host',
      { target: `${root.replace('127.0.0.1', 'localhost')}/metadata` },
      400,
      'invalid',
      /_VARIES_FROM_TARGETURL_http:\/\/localhost/,
    ],
  ];
}

test('SSP refusals, in order: target, method, media type, headers, sender, receiver, agreement, URL', async () => {
  for (const [, what, call, status, issueCode, pattern] of refusalCases()) {
    const { res, body } = await viaSsp(ssp, provider.baseUrl, call);
    assert.equal(res.status, status, what);
    assert.equal(body.issue[0].code, issueCode, what);
    assert.match(display(body), pattern, what);
    assert.equal(body.meta, undefined, `${what}: SSP outcomes are not GP Connect-profiled`);
  }
});

test('each ssp-lenient-<rule> fault skips exactly its own refusal; an unreadable target is refused regardless', async () => {
  for (const [rule, what, call, status, , pattern] of refusalCases()) {
    const faults = rule ? [sspLenientFault(rule)] : SSP_RULES.map((r) => sspLenientFault(r.id));
    const { res, text, body } = await viaSsp(await sspFor(provider.baseUrl, faults), provider.baseUrl, call);
    if (!rule) assert.equal(res.status, status, `${what}: refused with every rule relaxed`);
    else {
      assert.ok(
        res.status !== status || !pattern.test(body ? display(body) : text),
        `${what}: ${rule} relaxed, still refused ${res.status} ${text.slice(0, 200)}`,
      );
      // Not refused because the relaxed SSP fell over: a 5xx would pass the line above too. A 5xx is the
      // forwarded answer only when it is the provider's (GP Connect-profiled; SSP outcomes never are).
      assert.ok(
        res.status < 500 || body?.meta !== undefined,
        `${what}: ${rule} relaxed, the SSP answered ${res.status} ${text.slice(0, 200)}`,
      );
    }
  }
});

test('forwarding: the provider answer comes back byte for byte, status and headers included', async () => {
  const direct = await fetch(`${serviceRoot(provider.baseUrl, practice.ods, 'appointments')}/metadata`, {
    headers: sspHeaders(),
  });
  const proxied = await viaSsp(ssp, provider.baseUrl);
  assert.equal(proxied.res.status, direct.status);
  assert.equal(proxied.text, await direct.text());
  for (const name of ['content-type', 'cache-control'])
    assert.equal(proxied.res.headers.get(name), direct.headers.get(name));
});

test('forwarding: same method, body and end-to-end headers; hop-by-hop dropped; RFC 7239 headers added', async () => {
  const echo = await fakeProvider((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      res.writeHead(299, { 'Content-Type': 'application/fhir+json', 'X-Provider': 'echo' });
      res.end(JSON.stringify({ method: req.method, url: req.url, headers: req.headers, body }));
    });
  });
  const echoSsp = await sspFor(echo);
  const bookTarget = `${serviceRoot(echo, practice.ods, 'appointments')}/Appointment`;
  const book = interaction('book appointment').interactionId;
  const sent = '{"resourceType":"Appointment"}';
  const { res, body } = await viaSsp(echoSsp, echo, {
    target: bookTarget,
    method: 'POST',
    body: sent,
    headers: {
      'Ssp-InteractionID': book,
      'Content-Type': 'application/fhir+json;charset=utf-8',
      Authorization: 'Bearer a.b.',
      'Proxy-Authorization': 'Basic eDp5',
    },
  });
  assert.equal(res.status, 299);
  assert.equal(res.headers.get('x-provider'), 'echo');
  assert.deepEqual([body.method, body.url, body.body], ['POST', `/${practice.ods}/STU3/1/gpconnect/Appointment`, sent]);
  assert.equal(body.headers['authorization'], 'Bearer a.b.');
  assert.equal(body.headers['ssp-interactionid'], book);
  assert.equal(body.headers['proxy-authorization'], undefined);
  assert.match(body.headers['forwarded'], /^for=127\.0\.0\.1;host="127\.0\.0\.1:\d+";proto=http$/);
  assert.equal(body.headers['x-forwarded-for'], '127.0.0.1');
});

test('faults: ssp-no-fot-check and ssp-lenient-url forward what the SSP should refuse', async () => {
  const noFot = await viaSsp(await sspFor(provider.baseUrl, ['ssp-no-fot-check']), provider.baseUrl, {
    headers: { 'Ssp-From': UNAGREED_CONSUMER.asid },
  });
  assert.notEqual(noFot.res.status, 403);
  assert.equal(noFot.body.meta.profile[0], GPC_OUTCOME, 'the provider answered');
  const target = `${serviceRoot(provider.baseUrl, practice.ods, 'appointments').replace('127.0.0.1', 'localhost')}/metadata`;
  const lenient = await viaSsp(await sspFor(provider.baseUrl, ['ssp-lenient-url']), provider.baseUrl, { target });
  assert.doesNotMatch(lenient.text, /VARIES_FROM_TARGETURL/);
  assert.equal(lenient.body.meta.profile[0], GPC_OUTCOME);
});

test('502 when the provider port is closed', async () => {
  const closedBase = await fakeProvider(() => undefined);
  await stopAfter.pop()!.close();
  const { res, body } = await viaSsp(await sspFor(closedBase), closedBase);
  assert.equal(res.status, 502);
  assert.equal(body.issue[0].code, 'transient');
  assert.equal(
    display(body),
    `ERROR_COMMUNICATING_TO_ENDPOINT_URL_${serviceRoot(closedBase, practice.ods, 'appointments')}/metadata`,
  );
});

test('504 when the provider never answers', async () => {
  const silent = net.createServer(() => undefined);
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const sockets: net.Socket[] = [];
  silent.on('connection', (s) => sockets.push(s));
  stopAfter.push({
    close: () => new Promise<void>((resolve) => (sockets.forEach((s) => s.destroy()), silent.close(() => resolve()))),
  });
  const base = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
  // The provider never answers, so a 504 can only be the SSP's own deadline; how fast is the bench's business.
  const { res, body } = await viaSsp(await sspFor(base, [], 100), base);
  assert.equal(res.status, 504);
  assert.equal(body.issue[0].code, 'transient');
});

test('a provider reset mid-stream cuts the consumer off and the SSP carries on', async () => {
  const resetting = await fakeProvider((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/fhir+json', 'Content-Length': '1000' });
    res.write('{"resourceType":"Bun');
    setTimeout(() => res.socket?.destroy(), 20);
  });
  const resetSsp = await sspFor(resetting);
  await assert.rejects(viaSsp(resetSsp, resetting));
  const after = await viaSsp(resetSsp, resetting, { method: 'DELETE' });
  assert.equal(after.res.status, 405);
});

/** `read metadata` to one of the embedded estate's own practices, through an SSP set up as startSimulators does. */
async function toPractice(p: { ods: string; asid: string }, faults: string[]): Promise<{ res: Response; body: Json }> {
  const estateSsp = await startSsp({
    port: 0,
    faults: new Faults(faults),
    registry: embeddedRegistry(provider.baseUrl),
    practiceTimeoutMs: { [SLOW_PRACTICE.ods]: SLOW_PRACTICE.sspDeadlineMs },
  });
  stopAfter.push(estateSsp);
  const base = p.ods === UNREACHABLE_PRACTICE.ods ? UNREACHABLE_PRACTICE.base : provider.baseUrl;
  const res = await fetch(`${estateSsp.baseUrl}/${serviceRoot(base, p.ods, 'appointments')}/metadata`, {
    headers: sspHeaders({ 'Ssp-To': p.asid }),
  });
  const text = await res.text();
  return { res, body: JSON.parse(text) };
}

test('the embedded estate: 502 for the practice nothing answers for; ssp-lenient-SSP-UNREACHABLE answers 500 with no Spine code', async () => {
  const conformant = await toPractice(UNREACHABLE_PRACTICE, []);
  assert.equal(conformant.res.status, 502);
  assert.equal(
    display(conformant.body),
    `ERROR_COMMUNICATING_TO_ENDPOINT_URL_${serviceRoot(UNREACHABLE_PRACTICE.base, UNREACHABLE_PRACTICE.ods, 'appointments')}/metadata`,
  );
  const lenient = await toPractice(UNREACHABLE_PRACTICE, [sspLenientFault('SSP-UNREACHABLE')]);
  assert.equal(lenient.res.status, 500);
  assert.equal(lenient.body.issue[0].details, undefined);
});

test("the embedded estate: 504 within the slow practice's deadline; ssp-lenient-SSP-TIMEOUT relays the late answer", async () => {
  const conformant = await toPractice(SLOW_PRACTICE, []);
  assert.equal(conformant.res.status, 504);
  assert.match(display(conformant.body), /^TIMEOUT_WAITING_FOR_ENDPOINT_URL_/);
  // These requests carry no JWT, so the provider's answer is its 400: what matters is that it is the provider's,
  // which it can only be if the SSP waited past its deadline. Timings themselves are `npm run bench`'s.
  const lenient = await toPractice(SLOW_PRACTICE, [sspLenientFault('SSP-TIMEOUT')]);
  assert.equal(lenient.body.meta?.profile?.[0], GPC_OUTCOME, `the provider answered (${lenient.res.status})`);
  // The other practices keep the SSP's ordinary deadline.
  assert.equal((await toPractice(practice, [])).body.meta?.profile?.[0], GPC_OUTCOME);
});
