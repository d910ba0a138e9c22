/**
 * The generated estate (issue 19.4): N practices with their own ODS code, party key, ASID and patient,
 * some on a shared MHS and some on MHSs of their own, whose SDS records keep every static topology rule
 * (T1, T4–T11) alongside the base embedded estate; and the simulators serve it with one target per practice.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { isValidNhsNumber } from '../../support/domain/rules/nhs-number';
import { startSimulators } from '../../support/simulators';
import { joinRegistries } from '../../support/simulators/estate-services';
import { CONSUMER, embeddedRegistry } from '../../support/simulators/fixtures/estate';
import { generatedPractices, generatedRegistry } from '../../support/simulators/fixtures/generated-estate';
import { PEOPLE } from '../../support/simulators/fixtures/people';
import { violations } from '../../support/topology/rules';

const distinct = (xs: string[]) => new Set(xs).size === xs.length;
const practices = generatedPractices(20);
const separate = practices.filter((p) => p.mhs === 'separate');
const bases = new Map(separate.map((p, i) => [p.ods, `http://127.0.0.1:${20 + i}`]));
const registry = generatedRegistry(practices, 'http://127.0.0.1:9', bases, CONSUMER.asid);

test('20 practices G80001… with their own ODS codes, party keys, ASIDs and patients, the same every time', () => {
  assert.equal(practices[0].ods, 'G80001');
  assert.equal(practices[19].ods, 'G80020');
  assert.ok(practices.every((p) => /^G8\d{4}$/.test(p.ods) && /^\d{12}$/.test(p.asid)));
  assert.ok(practices.every((p) => p.partyKey.startsWith(`${p.ods}-`) && /^[A-Z0-9]+-\d{7}$/.test(p.partyKey)));
  for (const key of ['ods', 'asid', 'partyKey', 'patientNhsNumber'] as const)
    assert.ok(distinct(practices.map((p) => p[key])), `${key} differs per practice`);
  assert.ok(practices.every((p) => isValidNhsNumber(p.patientNhsNumber)));
  assert.ok(!practices.some((p) => PEOPLE.some((q) => q.nhsNumber === p.patientNhsNumber && q.gpOds !== p.ods)));
  assert.deepEqual(generatedPractices(20), practices);
  assert.throws(() => generatedPractices(0), /1 to 999 practices/);
});

test('some practices share one MHS host, the others each have their own', () => {
  assert.equal(separate.length, 5);
  const hostsOf = (ods: string) => new Set(registry.mhs.filter((m) => m.odsCode === ods).map((m) => m.fqdn));
  const shared = practices.filter((p) => p.mhs === 'shared');
  assert.deepEqual(new Set(shared.flatMap((p) => [...hostsOf(p.ods)])), new Set(['127.0.0.1:9']));
  const own = separate.map((p) => [...hostsOf(p.ods)]);
  assert.ok(own.every((h) => h.length === 1) && distinct(own.flat()) && !own.flat().includes('127.0.0.1:9'));
});

test('the estate keeps every static topology rule, with the base embedded estate beside it', () => {
  assert.deepEqual(violations(registry), []);
  assert.deepEqual(violations(joinRegistries(embeddedRegistry('http://127.0.0.1:9'), registry)), []);
  // T6: one AS record and one party key per practice, CMA, one MHS record per interaction.
  for (const p of practices) {
    assert.deepEqual(
      registry.as.filter((a) => a.odsCode === p.ods).map((a) => [a.asid, a.partyKey]),
      [[p.asid, p.partyKey]],
    );
    assert.ok(registry.mhs.filter((m) => m.odsCode === p.ods).every((m) => m.cma && m.partyKey === p.partyKey));
  }
});

test('the simulators serve the estate: one target per practice, separate MHSs on providers of their own', async () => {
  const sims = await startSimulators({ practices: 8 });
  try {
    const targets = sims.estate!.targets;
    assert.deepEqual(
      targets.map((t) => t.document.name),
      generatedPractices(8).map((p) => `practice-${p.ods}`),
    );
    const registered = (targets[3].document.testData as { patients: { registered: unknown } }).patients.registered;
    assert.deepEqual(registered, { nhsNumber: targets[3].practice.patientNhsNumber, expectedOds: 'G80004' });
    assert.deepEqual(
      sims.estate!.mhsHosts.map((h) => h.ods),
      ['G80004', 'G80008'],
    );
    const provider = sims.services.find((s) => s.name === 'provider')!.baseUrl;
    assert.ok(sims.estate!.mhsHosts.every((h) => h.baseUrl !== provider));
    const pds = await fetch(`${sims.target.pds.baseUrl}/Patient/${targets[3].practice.patientNhsNumber}`, {
      headers: { 'X-Request-ID': '60e0b220-8136-4ac5-8ab5-0a1a3b5e1f0a', Authorization: 'Bearer x' },
    });
    assert.equal(pds.status, 200);
    assert.match(await pds.text(), /G80004/);
  } finally {
    await sims.stop();
  }
});
