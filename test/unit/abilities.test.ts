/** What a target can offer against what a scenario needs (support/config/abilities.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import schema from '../../schemas/target.schema.json';
import { ABILITY_NAMES, unmetNeeds } from '../../support/config/abilities';

const patients = { registered: { nhsNumber: '9733162337' } };

test('a target without abilities offers them all; a declared list offers only what it names', () => {
  const tags = ['@WE-3a', '@needs-direct-provider', '@needs-registrations'];
  assert.deepEqual(unmetNeeds({ testData: { patients } }, tags), []);
  assert.deepEqual(unmetNeeds({ abilities: ['registrations'], testData: { patients } }, tags), [
    "@needs-direct-provider: the target does not declare direct-provider (the provider's service root is reachable without the SSP (probes of the provider's own checks))",
  ]);
  assert.equal(unmetNeeds({ abilities: [], testData: { patients } }, tags).length, 2);
});

test('a test patient the target does not name is an unmet need; a misspelt need is one too, never a pass', () => {
  assert.deepEqual(unmetNeeds({ testData: { patients } }, ['@needs-patient-registered']), []);
  assert.match(unmetNeeds({ testData: { patients } }, ['@needs-patient-deceased'])[0], /testData\.patients\.deceased/);
  assert.match(unmetNeeds({ testData: { patients } }, ['@needs-direct-provder'])[0], /no such ability/);
});

test("the target schema's ability names are the typed ones", () => {
  assert.deepEqual([...schema.properties.abilities.items.enum].sort(), [...ABILITY_NAMES].sort());
});
