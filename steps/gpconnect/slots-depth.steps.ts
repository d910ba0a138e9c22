/** Step 4 in depth (AM-SLOT-*): ranges, parameter rules, searchFilter, _include and the Bundle's content. */
import { Then, When } from '@cucumber/cucumber';
import { entries, ofType, resolve, type Resource } from '../../support/fhir/bundle';
import { slotRange } from '../../support/gpconnect/requests';
import { emptyWindow, slotProbe } from '../../support/gpconnect/slot-probes';
import { check, expectAnswer, expectError } from '../../support/world/checks';
import { depthRequirement, searchSlotsWith } from '../../support/world/depth';
import type { GpcWorld } from '../../support/world/world';

const SLOT_BUNDLE_TYPES = ['Slot', 'Schedule', 'Location', 'Practitioner', 'Organization'];

When('the consumer searches for free slots from today over {int} days', async function (this: GpcWorld, days: number) {
  await searchSlotsWith(this, slotRange(days));
});

When('the consumer searches for free slots with {}', async function (this: GpcWorld, probe: string) {
  await searchSlotsWith(
    this,
    slotRange(this.target.testData.slotSearchDays ?? 7),
    slotProbe(probe, this.target.consumer.odsCode),
  );
});

When('the consumer searches for free slots in the first minute of tomorrow', async function (this: GpcWorld) {
  await searchSlotsWith(this, emptyWindow());
});

/** `200 searchset` or `<status> <Spine code>`: one step for both halves of an Examples table. */
Then("the provider's answer is {int} {word}", function (this: GpcWorld, status: number, what: string) {
  const requirement = depthRequirement(this);
  const result = this.answer('provider');
  if (what !== 'searchset') {
    expectError(this, result, { requirement, status, code: what });
    return;
  }
  const bundle = expectAnswer(this, result, { requirement, status, resourceType: 'Bundle' });
  check(this, bundle.type === 'searchset', {
    requirement,
    evidence: result,
    expected: 'Bundle.type searchset',
    actual: JSON.stringify(bundle.type),
  });
});

function slotBundle(w: GpcWorld) {
  const result = w.answer('provider');
  const requirement = depthRequirement(w);
  return {
    result,
    requirement,
    bundle: expectAnswer(w, result, { requirement, status: 200, resourceType: 'Bundle' }),
  };
}

const typesIn = (bundle: Resource) => [...new Set(entries(bundle).map((r) => String(r.resourceType)))].sort();

Then('the slot Bundle holds at least one Slot', function (this: GpcWorld) {
  const { result, requirement, bundle } = slotBundle(this);
  check(this, ofType(bundle, 'Slot').length > 0, {
    requirement,
    evidence: result,
    expected: 'at least one Slot',
    actual: 'no Slot',
  });
});

Then('the searchset is empty', function (this: GpcWorld) {
  const { result, requirement, bundle } = slotBundle(this);
  check(this, entries(bundle).length === 0, {
    requirement,
    evidence: result,
    expected: 'no entries',
    actual: `${typesIn(bundle).join(', ')}`,
  });
});

Then('the slot Bundle holds exactly the types {}', function (this: GpcWorld, list: string) {
  const { result, requirement, bundle } = slotBundle(this);
  const expected = list.split(/,\s*|\s+and\s+/).sort();
  const actual = typesIn(bundle);
  check(this, JSON.stringify(actual) === JSON.stringify(expected), {
    requirement,
    evidence: result,
    expected: `resource types ${expected.join(', ')}`,
    actual: actual.join(', '),
  });
});

Then('the slot Bundle holds only slot-search resource types', function (this: GpcWorld) {
  const { result, requirement, bundle } = slotBundle(this);
  const stray = typesIn(bundle).filter((t) => !SLOT_BUNDLE_TYPES.includes(t));
  check(this, stray.length === 0, {
    requirement,
    evidence: result,
    expected: `only ${SLOT_BUNDLE_TYPES.join(', ')}`,
    actual: stray.join(', '),
  });
});

/** Every `reference` anywhere inside a resource, except contained ones (`#id`). */
function referencesIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => referencesIn(v, found));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'reference' && typeof v === 'string' && !v.startsWith('#')) found.push(v);
      else referencesIn(v, found);
    }
  }
  return found;
}

Then('every reference in the slot Bundle resolves inside it', function (this: GpcWorld) {
  const { result, requirement, bundle } = slotBundle(this);
  for (const r of entries(bundle)) {
    for (const ref of referencesIn(r)) {
      check(this, !!resolve(bundle, ref), {
        requirement,
        evidence: result,
        expected: `${r.resourceType}/${r.id}'s reference ${ref} inside the Bundle`,
        actual: 'not in the Bundle',
      });
    }
  }
});
