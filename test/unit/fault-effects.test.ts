/**
 * A fault is its declaration: each one says what it does at some named point, and the SSP's refusals are
 * written once, in SSP_RULES, with a display that names what the scenarios look for.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FAULT_MODES, Faults } from '../../support/simulators/faults';
import { refusalDisplay, SSP_RULES } from '../../support/spine/ssp-rules';

test('every fault mode declares at least one effect', () => {
  const idle = FAULT_MODES.filter((f) => Object.keys(f.effects).length === 0).map((f) => f.id);
  assert.deepEqual(idle, []);
});

test('fault ids are unique', () => {
  const ids = FAULT_MODES.map((f) => f.id);
  assert.deepEqual(
    ids.filter((id, i) => ids.indexOf(id) !== i),
    [],
  );
});

test('with no fault on, every point hands back the value it was given', () => {
  const value = { resourceType: 'Patient', id: '9000000009' };
  assert.equal(new Faults().apply('pds.patient', value, { requested: '9000000009' }), value);
});

test('a switched-on fault changes the value at its point and nowhere else', () => {
  const faults = new Faults(['pds-no-gp']);
  const patient = { resourceType: 'Patient', generalPractitioner: [{ type: 'Organization' }] };
  assert.deepEqual(faults.apply('pds.patient', patient, { requested: '9000000009' }), { resourceType: 'Patient' });
  const answer = { status: 200, body: patient };
  assert.equal(faults.apply('pds.trace', answer, undefined), answer);
});

test('an unknown fault id is refused', () => {
  assert.throws(() => new Faults(['pds-no-such-fault']), /unknown fault mode "pds-no-such-fault"/);
});

test("each SSP rule's display names what its scenarios look for, with every fact filled in", () => {
  for (const rule of SSP_RULES) {
    const facts = { header: 'Ssp-To', from: '1', to: '2', endpoint: 'e', cpaId: 'c', target: 't', normalised: 'n' };
    const display = refusalDisplay(rule, facts);
    assert.ok(display.includes(rule.names), `${rule.id}: ${display} does not contain ${rule.names}`);
    assert.doesNotMatch(display, /\{\w+\}/, `${rule.id}: ${display} has an unfilled fact`);
  }
});
