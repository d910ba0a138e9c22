import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Target } from '../../support/config/target';
import { interaction, interactionPath, type Interaction } from '../../support/interactions';
import { buildGpcClaims, encodeUnsignedJwt, type Claims } from '../../support/jwt/gpc-jwt';
import { DEPTH_REQUIREMENTS } from '../../support/requirements-depth';
import { SUITE_PARITY } from '../../support/domain/behaviours/suite-parity';
import { ARS } from '../../support/domain/behaviours/ars';
import { DOCUMENTS } from '../../support/domain/behaviours/documents';
import { WORKED_EXAMPLE_FAULTS, Faults } from '../../support/simulators/faults';
import { PRACTICES } from '../../support/simulators/fixtures/estate';
import type { RunningServer } from '../../support/simulators/http-kit';
import { startProvider } from '../../support/simulators/provider';
import { serviceRoot } from '../../support/domain/registry';
import { EXT, FHIR_JSON_UTF8, PROFILE, SYS } from '../../support/spine/systems';
import { ukDate } from '../../support/spine/uk-time';

/** Response bodies are read loosely: the assertions say what shape they expect. */
type Json = any;

const consumer: Target['consumer'] = {
  asid: '200000000115',
  odsCode: 'C88001',
  organizationName: 'Unit Test Consumer Surgery',
  systemUrl: 'https://consumer.unit-test.invalid/',
  telecom: '0300 303 5678',
  practitioner: {
    id: '10019',
    family: 'Tester',
    given: ['Una'],
    prefix: ['Dr'],
    sdsUserId: '111222333444',
    sdsRoleProfileId: '444555666777',
  },
  device: {
    system: 'https://consumer.unit-test.invalid/Id/device-identifier',
    value: 'unit-1',
    model: 'unit',
    version: '1.0',
  },
};

interface CallOptions {
  ods?: string;
  id?: string;
  query?: string;
  body?: unknown;
  /** Replace the interaction's path and method (routing tests). */
  path?: string;
  method?: string;
  /** Overrides; undefined removes a header. */
  headers?: Record<string, string | undefined>;
  claims?: (c: Claims) => void;
}

/** A request as a conformant consumer would send it through the SSP, with whatever the test spoils. */
async function call(server: RunningServer, name: string, o: CallOptions = {}): Promise<{ res: Response; body: Json }> {
  const i: Interaction = interaction(name);
  const practice = PRACTICES.find((p) => p.ods === (o.ods ?? 'T99999'))!;
  const root = serviceRoot(server.baseUrl, practice.ods, i.capability);
  const claims = buildGpcClaims({ consumer, interaction: i, audience: root });
  o.claims?.(claims);
  const ssp = {
    'Ssp-TraceID': randomUUID(),
    'Ssp-From': consumer.asid,
    'Ssp-To': practice.asid,
    'Ssp-InteractionID': i.interactionId,
  };
  const content = o.body === undefined ? {} : { 'Content-Type': FHIR_JSON_UTF8 };
  const headers = {
    ...ssp,
    Authorization: `Bearer ${encodeUnsignedJwt(claims)}`,
    Accept: FHIR_JSON_UTF8,
    ...content,
    ...o.headers,
  };
  const url = `${root}${o.path ?? interactionPath(i, o.id)}${o.query ? `?${o.query}` : ''}`;
  const res = await fetch(url, {
    method: o.method ?? i.method,
    headers: Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== undefined)) as Record<string, string>,
    body: o.body === undefined ? undefined : typeof o.body === 'string' ? o.body : JSON.stringify(o.body),
  });
  const text = await res.text();
  return { res, body: text ? JSON.parse(text) : undefined };
}

const spineCode = (body: Json) => body.issue[0].details.coding[0].code;
const resources = (bundle: Json, type?: string): Json[] =>
  (bundle.entry ?? []).map((e: Json) => e.resource).filter((r: Json) => !type || r.resourceType === type);
const dayFromToday = (n: number) => ukDate(new Date(Date.now() + n * 86_400_000));
const slotQuery = (from: number, to: number, extra = '') =>
  `status=free&start=ge${dayFromToday(from)}&end=le${dayFromToday(to)}&_include=Slot:schedule${extra}`;

async function freeSlots(server: RunningServer): Promise<{ slots: Json[]; bundle: Json }> {
  const { body } = await call(server, 'search free slots', { query: slotQuery(0, 14) });
  return { slots: resources(body, 'Slot').filter((s) => s.status === 'free'), bundle: body };
}

/** A minimal valid booking of slots (one schedule) for a patient, at the schedule's location. */
function booking(slots: Json[], bundle: Json, patientId: string, extra: Json = {}): Json {
  const schedule = resources(bundle, 'Schedule').find((s) => `Schedule/${s.id}` === slots[0].schedule.reference);
  const location = schedule.actor.find((a: Json) => a.reference.startsWith('Location/'));
  return {
    resourceType: 'Appointment',
    meta: { profile: [PROFILE.appointment] },
    contained: [
      {
        resourceType: 'Organization',
        id: '1',
        identifier: [{ system: SYS.odsOrg, value: consumer.odsCode }],
        name: consumer.organizationName,
        telecom: [{ system: 'phone', value: consumer.telecom }],
      },
    ],
    extension: [{ url: EXT.bookingOrganisation, valueReference: { reference: '#1' } }],
    status: 'booked',
    description: 'Unit test booking',
    start: slots[0].start,
    end: slots[slots.length - 1].end,
    slot: slots.map((s) => ({ reference: `Slot/${s.id}` })),
    created: new Date().toISOString().replace(/\.\d+Z$/, '+00:00'),
    participant: [
      { actor: { reference: `Patient/${patientId}` }, status: 'accepted' },
      { actor: location, status: 'accepted' },
    ],
    ...extra,
  };
}

const nhsQuery = (nhsNumber: string) => `identifier=${encodeURIComponent(`${SYS.nhsNumber}|${nhsNumber}`)}`;
const findPatients = async (server: RunningServer, nhsNumber: string) =>
  resources((await call(server, 'find patient', { query: nhsQuery(nhsNumber) })).body, 'Patient');
const patientIdOf = async (server: RunningServer, nhsNumber: string): Promise<string> =>
  (await findPatients(server, nhsNumber))[0].id;

/** Asserts an error answer: its HTTP status and its Spine code. */
function assertOutcome(r: { res: Response; body: Json }, status: number, code: string, what = ''): void {
  assert.equal(r.res.status, status, what);
  assert.equal(spineCode(r.body), code, what);
}

let provider: RunningServer;
before(async () => void (provider = await startProvider({ port: 0, faults: new Faults() })));
after(async () => provider.close());

test('metadata: STU3 CapabilityStatement on both roots, JSON+XML, no-store; version as the embedded target declares', async () => {
  const { res, body } = await call(provider, 'read metadata');
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('cache-control'), 'no-store');
  assert.equal(res.headers.get('content-type'), FHIR_JSON_UTF8);
  assert.deepEqual(
    [body.resourceType, body.version, body.fhirVersion, body.acceptUnknown, body.kind],
    ['CapabilityStatement', '1.2.9', '3.0.1', 'both', 'capability'],
  );
  assert.deepEqual(body.format, ['application/fhir+json', 'application/fhir+xml']);
  const slot = body.rest[0].resource.find((r: Json) => r.type === 'Slot');
  assert.deepEqual(slot.interaction, [{ code: 'search-type' }]);
  const appointment = body.rest[0].resource.find((r: Json) => r.type === 'Appointment');
  assert.deepEqual(appointment.interaction.map((x: Json) => x.code).sort(), [
    'create',
    'read',
    'search-type',
    'update',
  ]);
  const structured = await call(provider, 'read structured metadata', { ods: 'A20047' });
  assert.equal(structured.res.status, 200);
  assert.equal(structured.body.rest[0].operation[0].name, 'gpc.getstructuredrecord');
});

test('JWT breaches: missing iss → 400 BAD_REQUEST; requesting_device as a Patient → 422 INVALID_RESOURCE', async () => {
  assertOutcome(await call(provider, 'read metadata', { claims: (c) => delete c.iss }), 400, 'BAD_REQUEST');
  const patientDevice = await call(provider, 'read metadata', {
    claims: (c) => ((c.requesting_device as Json).resourceType = 'Patient'),
  });
  assertOutcome(patientDevice, 422, 'INVALID_RESOURCE');
});

test('Ssp headers: wrong Ssp-To and wrong Ssp-InteractionID → 400 BAD_REQUEST (with no-store)', async () => {
  const wrongTo = await call(provider, 'read metadata', { headers: { 'Ssp-To': PRACTICES[1].asid } });
  assertOutcome(wrongTo, 400, 'BAD_REQUEST');
  assert.equal(wrongTo.res.headers.get('cache-control'), 'no-store');
  const wrongInteraction = await call(provider, 'read metadata', {
    headers: { 'Ssp-InteractionID': interaction('search free slots').interactionId },
  });
  assertOutcome(wrongInteraction, 400, 'BAD_REQUEST');
});

test('routing: unknown ODS 404, wrong method 405, unknown path 501; every interaction of the table is served', async () => {
  const cases: [CallOptions, number, string][] = [
    [{ method: 'DELETE' }, 405, 'BAD_REQUEST'],
    [{ path: '/metadatas' }, 501, 'NOT_IMPLEMENTED'],
  ];
  for (const [options, status, code] of cases)
    assertOutcome(await call(provider, 'read metadata', options), status, code, JSON.stringify(options));
  const unknownOds = await fetch(`${provider.baseUrl}/Z00000/STU3/1/gpconnect/metadata`);
  assert.equal(unknownOds.status, 404);
  assert.equal(spineCode(await unknownOds.json()), 'ORGANISATION_NOT_FOUND');
  // Access Document's migrate was the last interaction of the table left unserved: none answers 501 now.
  const migrate = await call(provider, 'migrate document', { id: 'doc-1' });
  assert.notEqual(migrate.res.status, 501);
});

test('slot search: searchset of free local-time slots in range with Schedules, includes and the Organization', async () => {
  const { res, body } = await call(provider, 'search free slots', {
    query: slotQuery(0, 13, '&_include:recurse=Schedule:actor:Practitioner&_include:recurse=Schedule:actor:Location'),
  });
  assert.equal(res.status, 200);
  assert.equal(body.type, 'searchset');
  assert.deepEqual(body.meta.profile, [PROFILE.searchsetBundle]);
  const slots = resources(body, 'Slot');
  assert.ok(slots.length > 0);
  const last = Date.parse(`${dayFromToday(14)}T00:00:00Z`);
  for (const s of slots) {
    assert.equal(s.status, 'free');
    assert.match(s.start, /T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
    assert.ok(Date.parse(s.end) < last);
    assert.equal(s.extension[0].url, EXT.deliveryChannel);
  }
  const scheduleIds = new Set(resources(body, 'Schedule').map((s) => `Schedule/${s.id}`));
  assert.ok(slots.every((s) => scheduleIds.has(s.schedule.reference)));
  assert.equal(resources(body, 'Organization')[0].identifier[0].value, 'T99999');
  assert.ok(resources(body, 'Practitioner').length > 0 && resources(body, 'Location').length > 0);
  assert.ok(
    body.entry.every((e: Json) => e.fullUrl.startsWith(serviceRoot(provider.baseUrl, 'T99999', 'appointments'))),
  );
});

test('slot search errors: 15 days 422, missing status 400, Z time 422, missing _include 422', async () => {
  const cases: [string, number, string][] = [
    [slotQuery(0, 15), 422, 'INVALID_PARAMETER'],
    [`start=ge${dayFromToday(1)}&end=le${dayFromToday(2)}&_include=Slot:schedule`, 400, 'BAD_REQUEST'],
    [
      `status=free&start=ge${dayFromToday(1)}T09:00:00Z&end=le${dayFromToday(2)}&_include=Slot:schedule`,
      422,
      'INVALID_PARAMETER',
    ],
    [`status=free&start=ge${dayFromToday(1)}&end=le${dayFromToday(2)}`, 422, 'INVALID_PARAMETER'],
  ];
  for (const [query, status, code] of cases)
    assertOutcome(await call(provider, 'search free slots', { query }), status, code, query);
});

test('find patient: exactly one verified Patient at its practice; empty elsewhere; identifier errors', async () => {
  const find = (value: string, ods = 'T99999', param = 'identifier') =>
    call(provider, 'find patient', { ods, query: `${param}=${encodeURIComponent(value)}` });
  const patients = await findPatients(provider, '9000000084');
  assert.equal(patients.length, 1);
  assert.deepEqual(
    patients[0].name.map((n: Json) => n.use),
    ['official'],
  );
  assert.equal(patients[0].identifier[0].extension[0].valueCodeableConcept.coding[0].code, '01');
  assert.equal((await find(`${SYS.nhsNumber}|9000000084`, 'A20047')).body.entry, undefined);
  assert.equal((await find(`${SYS.nhsNumber}|9000000025`)).body.entry, undefined);
  assertOutcome(await find(`${SYS.nhsNumber}|9000000000`), 400, 'INVALID_NHS_NUMBER');
  assertOutcome(await find(`${SYS.odsOrg}|9000000084`), 400, 'INVALID_IDENTIFIER_SYSTEM');
  assertOutcome(await find('|9000000084'), 422, 'INVALID_PARAMETER');
  assertOutcome(await find(`${SYS.nhsNumber}|9000000084`, 'T99999', 'Identifier'), 400, 'BAD_REQUEST');
});

test('book: 201 with Location and ETag, then the same slot again → 409 DUPLICATE_REJECTED, and it is no longer offered', async () => {
  const { slots, bundle } = await freeSlots(provider);
  const patientId = await patientIdOf(provider, '9000000084');
  const { res, body } = await call(provider, 'book appointment', { body: booking([slots[0]], bundle, patientId) });
  assert.equal(res.status, 201, JSON.stringify(body));
  assert.equal(
    res.headers.get('location'),
    `${serviceRoot(provider.baseUrl, 'T99999', 'appointments')}/Appointment/${body.id}/_history/1`,
  );
  assert.equal(res.headers.get('etag'), 'W/"1"');
  assert.deepEqual(body.meta, { versionId: '1', profile: [PROFILE.appointment] });
  assert.equal(body.serviceType[0].text, slots[0].serviceType[0].text);
  assert.ok(body.extension.some((e: Json) => e.url === EXT.practitionerRole));
  const again = await call(provider, 'book appointment', { body: booking([slots[0]], bundle, patientId) });
  assertOutcome(again, 409, 'DUPLICATE_REJECTED');
  assert.equal(again.body.issue[0].code, 'duplicate');
  assert.ok(!(await freeSlots(provider)).slots.some((s) => s.id === slots[0].id));
});

test('book refusals: reason 422, unknown slot REFERENCE_NOT_FOUND, bad JSON 400; return=minimal has no body', async () => {
  const { slots, bundle } = await freeSlots(provider);
  const patientId = await patientIdOf(provider, '9000000084');
  const reason = await call(provider, 'book appointment', {
    body: booking([slots[1]], bundle, patientId, { reason: [{ text: 'x' }] }),
  });
  assert.equal(spineCode(reason.body), 'INVALID_RESOURCE');
  const unknownSlot = await call(provider, 'book appointment', {
    body: booking([{ ...slots[1], id: 'nope' }], bundle, patientId),
  });
  assert.equal(spineCode(unknownSlot.body), 'REFERENCE_NOT_FOUND');
  const badJson = await call(provider, 'book appointment', { body: '{"resourceType":' });
  assert.equal(badJson.res.status, 400);
  const adjacent = slots.findIndex(
    (s, i) => i > 1 && slots[i + 1]?.start === s.end && slots[i + 1]?.schedule.reference === s.schedule.reference,
  );
  const twoSlots = [slots[adjacent], slots[adjacent + 1]];
  const minimal = await call(provider, 'book appointment', {
    body: booking(twoSlots, bundle, patientId),
    headers: { Prefer: 'return=minimal' },
  });
  assert.equal(minimal.res.status, 201);
  assert.equal(minimal.body, undefined);
});

test('50 concurrent bookings of one slot → exactly one 201, the rest 409', async () => {
  const { slots, bundle } = await freeSlots(provider);
  const patientId = await patientIdOf(provider, '9000000084');
  const body = booking([slots[5]], bundle, patientId);
  const results = await Promise.all(Array.from({ length: 50 }, () => call(provider, 'book appointment', { body })));
  const statuses = results.map((r) => r.res.status);
  assert.equal(statuses.filter((s) => s === 201).length, 1);
  assert.equal(statuses.filter((s) => s === 409).length, 49);
});

/** Books the first free slot for the worked-example patient; returns what the probes look at. */
async function bookFirstSlot(server: RunningServer) {
  const { slots, bundle } = await freeSlots(server);
  const patientId = await patientIdOf(server, '9000000084');
  const book = () => call(server, 'book appointment', { body: booking([slots[0]], bundle, patientId) });
  return { slot: slots[0], patientId, book, first: await book() };
}

const findWorkedExamplePatient = (server: RunningServer) => findPatients(server, '9000000084');
const participantTypes = (appointment: Json) =>
  appointment.participant.map((p: Json) => p.actor.reference.split('/')[0]);

/** Each provider fault and a probe that sees the one thing it makes wrong. */
const FAULT_PROBES: Record<string, (server: RunningServer) => Promise<void>> = {
  'provider-metadata-wrong-version': async (server) =>
    assert.equal((await call(server, 'read metadata')).body.fhirVersion, '4.0.1'),
  'provider-metadata-no-xml': async (server) =>
    assert.deepEqual((await call(server, 'read metadata')).body.format, ['application/fhir+json']),
  'provider-capability-wrong-version': async (server) =>
    assert.equal((await call(server, 'read metadata')).body.version, '0.7.4'),
  'provider-capability-unversioned-operation': async (server) =>
    assert.equal(
      (await call(server, 'read metadata')).body.rest[0].operation[0].definition.reference,
      'OperationDefinition/gpc.registerpatient',
    ),
  'provider-capability-duplicate-profile': async (server) => {
    const refs = (await call(server, 'read metadata')).body.profile.map((p: Json) => p.reference);
    assert.equal(new Set(refs).size, refs.length - 1);
  },
  'provider-capability-slot-no-includes': async (server) => {
    const { rest } = (await call(server, 'read metadata')).body;
    assert.equal(rest[0].resource.find((r: Json) => r.type === 'Slot').searchInclude, undefined);
  },
  'provider-no-cache-control': async (server) =>
    assert.equal(
      (await call(server, 'read metadata', { claims: (c) => delete c.iss })).res.headers.get('cache-control'),
      null,
    ),
  'provider-slots-collection': async (server) => assert.equal((await freeSlots(server)).bundle.type, 'collection'),
  'provider-busy-slot': async (server) =>
    assert.ok(resources((await freeSlots(server)).bundle, 'Slot').some((s) => s.status === 'busy')),
  'provider-slot-out-of-range': async (server) => {
    const { body } = await call(server, 'search free slots', { query: slotQuery(0, 3) });
    assert.ok(resources(body, 'Slot').some((s) => s.start.slice(0, 10) > dayFromToday(3)));
  },
  'provider-slots-no-schedule': async (server) =>
    assert.deepEqual(resources((await freeSlots(server)).bundle, 'Schedule'), []),
  'provider-slot-utc-times': async (server) => {
    const [slot] = (await freeSlots(server)).slots;
    assert.match(slot.start, /Z$/);
    assert.ok(slot.extension, 'only the times are wrong: the channel stays');
  },
  'provider-slot-no-channel': async (server) => {
    const [slot] = (await freeSlots(server)).slots;
    assert.equal(slot.extension, undefined);
    assert.doesNotMatch(slot.start, /Z$/);
  },
  'provider-patient-search-empty': async (server) => assert.deepEqual(await findWorkedExamplePatient(server), []),
  'provider-patient-wrong-system': async (server) => {
    const [identifier] = (await findWorkedExamplePatient(server))[0].identifier;
    assert.equal(identifier.system, 'http://fhir.nhs.net/Id/nhs-number');
    assert.ok(identifier.extension, 'only the system is wrong: the verification status stays');
  },
  'provider-patient-no-verification': async (server) => {
    const [identifier] = (await findWorkedExamplePatient(server))[0].identifier;
    assert.deepEqual(identifier, { system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9000000084' });
  },
  'provider-patient-no-official-name': async (server) =>
    assert.equal((await findWorkedExamplePatient(server))[0].name[0].use, 'usual'),
  'provider-book-200': async (server) => assert.equal((await bookFirstSlot(server)).first.res.status, 200),
  'provider-book-no-location-header': async (server) =>
    assert.equal((await bookFirstSlot(server)).first.res.headers.get('location'), null),
  'provider-book-no-profile': async (server) =>
    assert.equal((await bookFirstSlot(server)).first.body.meta.profile, undefined),
  'provider-book-drops-location': async (server) =>
    assert.deepEqual(participantTypes((await bookFirstSlot(server)).first.body), ['Patient']),
  'provider-double-booking': async (server) =>
    assert.equal((await (await bookFirstSlot(server)).book()).res.status, 201),
  'provider-slot-stays-free': async (server) => {
    const { slot } = await bookFirstSlot(server);
    assert.ok((await freeSlots(server)).slots.some((s) => s.id === slot.id));
  },
  'provider-book-wrong-patient': async (server) => {
    const { first, patientId } = await bookFirstSlot(server);
    const named = first.body.participant.find((p: Json) => p.actor.reference.startsWith('Patient/')).actor.reference;
    assert.notEqual(named, `Patient/${patientId}`);
  },
};

test('every provider fault mode makes its one thing wrong', async (t) => {
  // The generated lenient and over-strict faults are proven by test/meta/lenient-modes.test.ts.
  // Faults that break only depth, ARS, documents or suite-parity requirements are proven by their features under the fault-mode meta-test.
  const depth = new Set([...DEPTH_REQUIREMENTS, ...ARS, ...DOCUMENTS, ...SUITE_PARITY].map((r) => r.id));
  const providerFaults = WORKED_EXAMPLE_FAULTS.filter(
    (f) => f.hop === 'provider' && !f.breaks.every((id) => depth.has(id)),
  ).map((f) => f.id);
  assert.deepEqual(Object.keys(FAULT_PROBES).sort(), [...providerFaults].sort());
  for (const [fault, probe] of Object.entries(FAULT_PROBES))
    await t.test(fault, async () => {
      const server = await startProvider({ port: 0, faults: new Faults([fault]) });
      try {
        await probe(server);
      } finally {
        await server.close();
      }
    });
});

test('migrate structured record: the whole record, or 422 INVALID_PARAMETER without includeFullRecord', async () => {
  const nhs = { name: 'patientNHSNumber', valueIdentifier: { system: SYS.nhsNumber, value: '9000000084' } };
  const full = { name: 'includeFullRecord', part: [{ name: 'includeSensitiveInformation', valueBoolean: false }] };
  const { res, body } = await call(provider, 'migrate structured record', {
    body: { resourceType: 'Parameters', parameter: [nhs, full] },
  });
  assert.equal(res.status, 200);
  assert.equal(body.type, 'collection');
  assert.ok(resources(body, 'List').length >= 10, 'every area with its List, and the ended allergies');
  assert.ok(resources(body, 'Immunization').some((i: Json) => i.notGiven === true));
  assertOutcome(
    await call(provider, 'migrate structured record', { body: { resourceType: 'Parameters', parameter: [nhs] } }),
    422,
    'INVALID_PARAMETER',
  );
});
