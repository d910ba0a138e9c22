import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { topologyCommand } from '../../support/cli/topology';
import { UsageError } from '../../support/cli/usage';
import { ConfigError } from '../../support/config/target';
import { startSimulators } from '../../support/simulators';
import { embeddedRegistry, HOSTED_PRACTICES, UNREACHABLE_PRACTICE } from '../../support/simulators/fixtures/estate';
import type { AsRecord, MhsRecord } from '../../support/domain/registry';
import {
  parseEstateText,
  shippedEstate,
  shippedEstateNames,
  SHIPPED_ESTATES_DIR,
} from '../../support/topology/estate-file';
import { registryFromSds } from '../../support/topology/from-sds';
import { originViolation, RULES, violations } from '../../support/topology/rules';
import { estateSvg } from '../../support/topology/svg';
import { TOPOLOGY_REQUIREMENTS } from '../../support/topology/requirements';

const REFERENCE = ['consumer-separate-mhs', 'consumer-shared-mhs', 'provider-separate-mhs', 'provider-shared-mhs'];
const rulesBroken = (name: string) => [...new Set(violations(shippedEstate(name).registry).map((v) => v.rule))];

test('each reference estate passes every static rule', () => {
  for (const name of REFERENCE) assert.deepEqual(violations(shippedEstate(name).registry), [], name);
});

test('each invalid estate breaks exactly the rule it declares, and at least 13 are shipped', () => {
  const invalid = shippedEstateNames().filter((n) => !REFERENCE.includes(n));
  assert.ok(invalid.length >= 13, `${invalid.length} invalid estates`);
  for (const name of invalid) {
    const { breaks } = shippedEstate(name);
    assert.ok(breaks, `${name} declares the rule it breaks`);
    assert.deepEqual(rulesBroken(name), [breaks], name);
  }
});

test('every shipped estate is an example in the feature of the rule it breaks', () => {
  const features = readdirSync(join(SHIPPED_ESTATES_DIR, '..')).filter((f) => f.endsWith('.feature'));
  const text = Object.fromEntries(features.map((f) => [f, readFileSync(join(SHIPPED_ESTATES_DIR, '..', f), 'utf8')]));
  for (const name of shippedEstateNames().filter((n) => !REFERENCE.includes(n))) {
    const breaks = shippedEstate(name).breaks;
    const using = features.filter((f) => text[f].includes(`| ${name} `));
    assert.deepEqual(
      using.map((f) => /^@TOP-(T\d+)/.exec(text[f])?.[1]),
      [breaks],
      `${name} is an example under @TOP-${breaks} only`,
    );
  }
});

test('the embedded registry passes every static rule; dynamic rules say how they are checked', () => {
  assert.deepEqual(violations(embeddedRegistry('http://127.0.0.1:9')), []);
  assert.deepEqual(
    RULES.filter((r) => !r.check).map((r) => r.id),
    ['T2', 'T3', 'T12', 'T13'],
  );
  for (const r of RULES) assert.ok(r.check || r.dynamic, r.id);
  assert.deepEqual(
    TOPOLOGY_REQUIREMENTS.map((r) => r.id),
    RULES.map((r) => `TOP-${r.id}`),
  );
});

test('T2 over a request: Ssp-From must be an ASID of the requesting organisation', () => {
  const atOrigin = [{ asid: '200000100001', odsCode: 'C81001' } as AsRecord];
  assert.equal(originViolation({ sspFrom: '200000100001', requestingOds: 'C81001' }, atOrigin), undefined);
  assert.equal(originViolation({ sspFrom: '200000000115', requestingOds: 'C81001' }, atOrigin)?.rule, 'T2');
  assert.equal(originViolation({ sspFrom: '200000100001' }, atOrigin)?.rule, 'T2');
});

test('an estate file with a bad key is a ConfigError naming it', () => {
  assert.throws(
    () => parseEstateText('name: x\nsystems: []\nas: []\n', 'x.yaml'),
    (e: unknown) => e instanceof ConfigError && e.key === 'systems',
  );
  const unknownSystem =
    'name: x\nsystems: [{ id: a, name: A, role: consumer, supplierOds: Y1, organisations: [C1] }]\nas: [{ asid: "200000000001", odsCode: C1, partyKey: K, system: b, capabilities: [appointments] }]\n';
  assert.throws(
    () => parseEstateText(unknownSystem, 'x.yaml'),
    (e: unknown) => e instanceof ConfigError && e.key === 'as.0.system',
  );
  assert.throws(() => parseEstateText('name: x\nsystems: [{ id: a }]\nas: []\n', 'x.yaml'), ConfigError);
});

const comparableAs = (a: AsRecord) => ({ ...a, systemId: '', interactions: [...a.interactions].sort() });
const byKey =
  <T>(key: (t: T) => string) =>
  (x: T, y: T) =>
    key(x).localeCompare(key(y));

test('the registry rebuilt from the embedded SDS reproduces its AS and MHS records and passes every rule', async () => {
  const sims = await startSimulators();
  try {
    const provider = sims.services.find((s) => s.name === 'provider')!.baseUrl;
    const expected = embeddedRegistry(provider);
    // Every practice, the SSP's unreachable and slow ones too: they must pass the rules like the others.
    const practices: string[] = [...HOSTED_PRACTICES.map((p) => p.ods), UNREACHABLE_PRACTICE.ods];
    const { registry } = await registryFromSds(sims.target, practices);
    // The system id is the one thing SDS cannot give back: it is inferred from the supplier's ODS code.
    const asOf = (as: AsRecord[]) =>
      as
        .filter((a) => practices.includes(a.odsCode))
        .map(comparableAs)
        .sort(byKey((a) => a.asid));
    assert.deepEqual(asOf(registry.as), asOf(expected.as));
    const mhsOf = (mhs: MhsRecord[]) => [...mhs].sort(byKey((m) => `${m.partyKey}${m.interactions[0]}`));
    assert.deepEqual(mhsOf(registry.mhs), mhsOf(expected.mhs));
    assert.deepEqual(violations(registry), []);
  } finally {
    await sims.stop();
  }
});

/** Well-formed enough for a browser: one root, every tag closed in order, no bare ampersands. */
function assertWellFormed(svg: string): void {
  const body = svg.replace(/^<\?xml[^>]*\?>\s*/, '');
  assert.doesNotMatch(body, /&(?!(lt|gt|amp|quot|apos);)/);
  const stack: string[] = [];
  for (const [, close, name, selfClosing] of body.matchAll(/<(\/?)([a-zA-Z]+)\b[^>]*?(\/?)>/g)) {
    if (selfClosing) continue;
    if (close) assert.equal(stack.pop(), name);
    else stack.push(name);
  }
  assert.deepEqual(stack, []);
  assert.match(body, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
}

test('the SVG is well formed and marks each violation on the element it names', () => {
  const valid = shippedEstate('provider-shared-mhs');
  const clean = estateSvg(valid.name, valid.registry, violations(valid.registry));
  assertWellFormed(clean);
  assert.doesNotMatch(clean, /class="violated"/);
  const broken = shippedEstate('t10-root-with-trailing-slash');
  const svg = estateSvg(broken.name, broken.registry, violations(broken.registry));
  assertWellFormed(svg);
  assert.match(svg, /class="violated"[^>]*data-rules="T10"/);
  assert.match(
    svg,
    /data-record="mhs:P90101-0000101 https:\/\/gp.example.nhs.uk\/P90101\/STU3\/1\/gpconnect\/" fill="#c62828">[^<]*✗ T10/,
  );
});

test('gpc-assure topology refuses a wrong command line before running anything', async () => {
  for (const argv of [
    [],
    ['--registry', 'a.yaml', '--sds-target', 't.yaml'],
    ['--sds-target', 't.yaml'],
    ['--sds-target', 't.yaml', '--ods', 'a20047'],
    ['--registry', 'a.yaml', '--ods', 'A1'],
  ]) {
    await assert.rejects(topologyCommand(argv), UsageError, argv.join(' '));
  }
  await assert.rejects(topologyCommand(['--registry', join(SHIPPED_ESTATES_DIR, 'missing.yaml')]), ConfigError);
});
