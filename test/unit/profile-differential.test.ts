/**
 * A profile compiled from its transcribed differential (scripts/profile-differential.ts): the snapshot rules
 * it follows, and CareConnect-GPC-DocumentReference-1 holding the embedded provider's search answer.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { validSearch } from '../../scripts/documents-corpus';
import { applyDifferential } from '../../scripts/profile-differential';
import { validateExchangeBody } from '../../support/fhir/validator';

type Json = Record<string, any>;
const el = (id: string, extra: Json = {}): Json => ({
  id,
  path: id.replace(/:[^.]+/g, ''),
  min: 0,
  max: '1',
  ...extra,
});
const BASE = [el('R'), el('R.identifier', { max: '*', base: { max: '*' }, type: [{ code: 'Identifier' }] })];
const IDENTIFIER = [el('Identifier'), el('Identifier.system'), el('Identifier.value')];
const types = (t: string) => (t === 'Identifier' ? IDENTIFIER : undefined);

test('a differential constrains in place, expands datatypes and starts each slice unconstrained', () => {
  const snapshot = applyDifferential(
    {
      element: [
        { id: 'R.identifier', min: 1, slicing: { discriminator: [{ type: 'value', path: 'system' }], rules: 'open' } },
        { id: 'R.identifier:guid', sliceName: 'guid', max: '1' },
        { id: 'R.identifier:guid.system', min: 1, fixedUri: 'urn:guid', short: 'texts are not kept' },
        { id: 'R.identifier:other' },
      ],
    },
    BASE,
    types,
  );
  const byId = new Map(snapshot.map((e) => [e.id, e]));
  assert.equal(byId.get('R.identifier')!.min, 1);
  assert.equal(byId.get('R.identifier:guid')!.min, 0, 'a 1..* identifier does not make a slice 1..*');
  assert.equal(byId.get('R.identifier:guid')!.slicing, undefined);
  assert.equal(byId.get('R.identifier:other')!.min, 0);
  assert.deepEqual(
    [byId.get('R.identifier:guid.system')!.min, byId.get('R.identifier:guid.system')!.fixedUri],
    [1, 'urn:guid'],
  );
  assert.equal(byId.get('R.identifier:guid.system')!.short, undefined);
  assert.equal(byId.get('R.identifier:guid.value')!.path, 'R.identifier.value');
});

test('a differential naming a path the base type does not have is refused', () => {
  assert.throws(() => applyDifferential({ element: [{ id: 'R.identifier.colour', min: 1 }] }, BASE, types), /colour/);
});

test('the search documents answer meets CareConnect-GPC-DocumentReference-1 (the placeholder URL tolerated)', () => {
  const issues = validateExchangeBody(validSearch(), {
    hop: 'provider',
    interaction: 'search documents',
  });
  assert.deepEqual(
    issues.filter((i) => i.severity === 'error'),
    [],
  );
  assert.ok(!issues.some((i) => /no compiled profile for .*DocumentReference/.test(i.message)));
  const tolerated = issues.filter((i) => i.message.includes('tolerated'));
  assert.deepEqual(
    tolerated.map((i) => i.elementId),
    ['DocumentReference.content.attachment.url'],
  );
});
