/**
 * The simulators answer as the real PDS and SDS do. Every probe of ../shared/peers/pds-sds-observed.json
 * (the NHS PDS sandbox and the SDS FHIR API, each run on loopback) is replayed against the embedded
 * simulators, and what the peer said is compared field by field: status, content type, resource type, issue
 * code and Spine code, coding system, Allow, echoed IDs, and the PDS test patients' data. Where the peer is
 * defective (the file's notes), the simulator follows the spec and a fault mode reproduces the peer: those
 * probes are replayed twice, separately. Skips with a printed reason when ../shared is absent.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Faults } from '../../support/simulators/faults';
import { embeddedRegistry } from '../../support/simulators/fixtures/estate';
import type { RunningServer } from '../../support/simulators/http-kit';
import { PDS_BASE_PATH, startPds } from '../../support/simulators/pds';
import { SDS_BASE_PATH, startSds } from '../../support/simulators/sds';
import { SYS } from '../../support/spine/systems';

const OBSERVED = join(__dirname, '..', '..', '..', 'shared', 'peers', 'pds-sds-observed.json');

interface Probe {
  id: string;
  service: 'pds' | 'sds';
  probe: string;
  request: { method: string; path: string; headers: Record<string, string> };
  answer: Record<string, unknown>;
}

const q = (system: string, value: string) => encodeURIComponent(`${system}|${value}`);
const org = (ods: string) => `organization=${q(SYS.odsOrg, ods)}`;
const ia = (id: string) => `identifier=${q(SYS.interactionId, id)}`;
const METADATA = 'urn:nhs:names:services:gpconnect:fhir:rest:read:metadata-1';

/**
 * Probes whose peer record the embedded estate does not hold (the peer's own mock data): the same request
 * for the simulator's practice T99999, as each probe's name says ("peer … / sim …").
 */
const SIM_PATH: Record<string, string> = {
  S1: `/Endpoint?${org('T99999')}&${ia(METADATA)}`,
  S2: `/Device?${org('T99999')}&${ia(METADATA)}&identifier=${q(SYS.partyKey, 'T99999-9999999')}`,
  S4: `/Endpoint?${org('T99999')}&${ia('urn:nhs:names:services:gpconnect:fhir:operation:gpc.getstructuredrecord-1')}`,
  S11: `/Endpoint?${org('T99999')}&${ia('metadata')}`,
};

/** The peer's defects (and its missing gateway), each with the fault mode that reproduces it. */
const PEER_FAULT: Record<string, { fault: string; spec: (a: Answer) => void }> = {
  S4: { fault: 'sds-peer-interaction-list-500', spec: (a) => assert.equal(a.status, 200) },
  S11: { fault: 'sds-peer-substring-interaction', spec: (a) => assert.equal(a.entries.length, 0) },
  S20: { fault: 'sds-peer-no-gateway', spec: (a) => assert.equal(a.status, 401) },
};

interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
  entries: Record<string, unknown>[];
}

type Ident = { system?: string; value?: string };
const short = (ids: Ident[] | undefined) => (ids ?? []).map((i) => String(i.system).split('/').pop()).join(',');
const odsOf = (ref: unknown) => (ref as { identifier?: Ident } | undefined)?.identifier?.value;

/** What the peer said that the simulator must say too; a field the peer's answer lacks is not compared. */
function differences(p: Probe, sent: string, a: Answer): string[] {
  const x = p.answer;
  const out: string[] = [];
  const same = (field: string, actual: unknown, expected = x[field]) => {
    if (expected !== undefined && JSON.stringify(actual) !== JSON.stringify(expected))
      out.push(`${field}: peer ${JSON.stringify(expected)}, simulator ${JSON.stringify(actual)}`);
  };
  const issue = (a.body.issue as { code?: string; details?: { coding?: Ident[] } }[] | undefined)?.[0];
  const coding = issue?.details?.coding?.[0] as (Ident & { code?: string }) | undefined;
  same('status', a.status);
  same('ct', a.headers.get('content-type')?.split(';')[0]);
  same('rt', a.body.resourceType);
  same('err', issue && `${issue.code}/${coding?.code}`);
  same('errsys', coding?.system);
  same('allow', a.headers.get('allow') ?? undefined);
  same('xrid', a.headers.get('x-request-id') ?? undefined);
  // SDS answers its own correlation ID when none (or no UUID) was sent; PDS mirrors only what came.
  const sentXcid = Object.entries(p.request.headers).find(([k]) => k.toLowerCase() === 'x-correlation-id')?.[1];
  const xcid = a.headers.get('x-correlation-id') ?? undefined;
  if (p.service === 'sds' && x.xcid && sentXcid !== x.xcid) same('xcid', !!xcid, true);
  else same('xcid', xcid);
  if (p.service === 'pds') {
    same('etag', a.headers.get('etag') ?? undefined);
    same('deceased', a.body.deceasedDateTime);
    same('security', (a.body.meta as { security?: { code?: string }[] } | undefined)?.security?.[0]?.code);
    same('ids', x.ids && short(a.body.identifier as Ident[]));
    const gps = (a.body.generalPractitioner as { identifier?: Ident & { period?: unknown } }[] | undefined) ?? [];
    if (x.gp)
      same(
        'gp',
        gps.map((g) => [g.identifier?.value, g.identifier?.period]),
      );
    else if (x.rt === 'Patient') same('gp', gps.length, 0);
  }
  if (x.bundle) same('bundle', String(a.body.type), String(x.bundle).split(' ')[0]);
  // Entries are test data (the peer holds other practices); where the simulator has some, they answer the query.
  const first = a.entries[0];
  if (first) {
    const asked = new URL(sent, 'http://x').searchParams.get('organization')?.split('|')[1];
    if (x.mo) same('mo', odsOf(first.managingOrganization), asked);
    if (x.owner) same('owner', odsOf(first.owner), asked);
    same('ids', x.ids && short(first.identifier as Ident[]));
  }
  return out;
}

const probes: Probe[] = existsSync(OBSERVED) ? JSON.parse(readFileSync(OBSERVED, 'utf8')).probes : [];
const servers = new Map<string, RunningServer>();
const registry = embeddedRegistry('http://127.0.0.1:9');

async function server(service: 'pds' | 'sds', fault?: string): Promise<RunningServer> {
  const key = `${service}:${fault ?? ''}`;
  if (!servers.has(key)) {
    const faults = new Faults(fault ? [fault] : []);
    servers.set(
      key,
      await (service === 'pds'
        ? startPds({ port: 0, faults })
        : startSds({ port: 0, faults, registry: () => registry })),
    );
  }
  return servers.get(key)!;
}

async function replay(p: Probe, fault?: string): Promise<{ sent: string; answer: Answer }> {
  const s = await server(p.service, fault);
  const sent = SIM_PATH[p.id] ?? p.request.path;
  const base = p.service === 'pds' ? PDS_BASE_PATH : SDS_BASE_PATH;
  const res = await fetch(`${s.baseUrl}${base}${sent}`, { method: p.request.method, headers: p.request.headers });
  const body = (await res.json()) as Record<string, unknown>;
  const entries = ((body.entry as { resource: Record<string, unknown> }[] | undefined) ?? []).map((e) => e.resource);
  return { sent, answer: { status: res.status, headers: res.headers, body, entries } };
}

before(() => {
  if (!probes.length) console.log(`peer replay skipped: ${OBSERVED} is absent (it lives outside the repository)`);
});
after(() => Promise.all([...servers.values()].map((s) => s.close())));

describe('the simulators answer every observed probe as the real PDS and SDS did', () => {
  it('has all 32 probes to replay', (t) => {
    if (!probes.length) return t.skip(`${OBSERVED} is absent`);
    assert.equal(probes.length, 32);
  });

  for (const p of probes) {
    const peerFault = PEER_FAULT[p.id];
    it(`${p.id} ${p.probe}${peerFault ? ` (with ${peerFault.fault})` : ''}`, async () => {
      const { sent, answer } = await replay(p, peerFault?.fault);
      assert.deepEqual(differences(p, sent, answer), [], `${p.id}: ${p.request.method} ${sent}`);
    });
  }
});

describe("where the real service is defective, the simulator follows the spec (the peer's defects, separately)", () => {
  for (const p of probes.filter((x) => PEER_FAULT[x.id])) {
    it(`${p.id} ${p.probe}: without ${PEER_FAULT[p.id].fault}, as the spec says`, async () => {
      const { answer } = await replay(p);
      PEER_FAULT[p.id].spec(answer);
    });
  }
});
