/** Step 4, search for free slots (WE-4a … WE-4d). */
import { Given, Then, When } from '@cucumber/cucumber';
import { extensionsOf, ofType, resolve } from '../../support/fhir/bundle';
import { slotRange } from '../../support/gpconnect/requests';
import { EXT } from '../../support/spine/systems';
import { check, expectAnswer, fail } from '../../support/world/checks';
import { bookedSlotProblem } from '../../support/world/presence';
import { chooseFreeSlot, searchFreeSlots } from '../../support/world/journey';
import type { GpcWorld } from '../../support/world/world';
import { need } from '../../support/world/stages';

const UK_LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0[01]:00$/;
const CHANNELS = ['In-person', 'Telephone', 'Video'];

When('the consumer searches for free slots over the next {int} days', async function (this: GpcWorld, days: number) {
  await searchFreeSlots(this, slotRange(days));
});

/** The free slot IDs the slot to book was chosen from, kept across the search again (WE-6d). */
const offeredBefore = new WeakMap<GpcWorld, string[]>();
const freeSlotIds = (bundle: Record<string, unknown>) =>
  ofType(bundle, 'Slot')
    .filter((s) => s.status === 'free')
    .map((s) => String(s.id));

When('the consumer searches for free slots over the same range again', async function (this: GpcWorld) {
  const { start, end, bundle } = need(this, 'slotSearch').slotSearch;
  offeredBefore.set(this, freeSlotIds(bundle));
  await searchFreeSlots(this, { start, end });
});

Given('the consumer has found a free slot', async function (this: GpcWorld) {
  chooseFreeSlot(this, await searchFreeSlots(this));
});

When('the consumer finds a free slot over the next {int} days', async function (this: GpcWorld, days: number) {
  chooseFreeSlot(this, await searchFreeSlots(this, slotRange(days)));
});

function slotBundle(w: GpcWorld) {
  const result = w.answer('provider');
  const bundle = expectAnswer(w, result, { status: 200, resourceType: 'Bundle' });
  return { result, bundle, slots: ofType(bundle, 'Slot') };
}

/**
 * The slots of the latest search, at least one: a check over every Slot says nothing of an empty Bundle, so
 * an empty answer must fail it rather than pass it vacuously.
 */
function foundSlots(w: GpcWorld) {
  const found = slotBundle(w);
  check(w, found.slots.length > 0, {
    evidence: found.result,
    expected: 'at least one Slot in the searched range',
    actual: 'no Slot',
  });
  return found;
}

Then('the Bundle holds at least one Slot', function (this: GpcWorld) {
  foundSlots(this);
});

Then('every Slot is free and inside the searched range', function (this: GpcWorld) {
  const { result, slots } = foundSlots(this);
  const { start, end } = need(this, 'slotSearch').slotSearch;
  for (const s of slots) {
    check(this, s.status === 'free', {
      evidence: result,
      expected: 'every Slot status free',
      actual: `Slot/${s.id} status ${JSON.stringify(s.status)}`,
    });
    // Dates carry their UK offset, so the date part is the UK calendar day.
    const inside = String(s.start).slice(0, 10) >= start && String(s.end).slice(0, 10) <= end;
    check(this, inside, {
      evidence: result,
      expected: `every Slot inside ${start}..${end}`,
      actual: `Slot/${s.id} ${s.start}..${s.end}`,
    });
  }
});

Then("every Slot's Schedule is in the Bundle", function (this: GpcWorld) {
  const { result, bundle, slots } = foundSlots(this);
  for (const s of slots) {
    const ref = (s.schedule as { reference?: string } | undefined)?.reference;
    check(this, !!resolve(bundle, ref), {
      evidence: result,
      expected: `Slot/${s.id}'s Schedule ${ref} in the Bundle`,
      actual: 'not included',
    });
  }
});

Then('every Slot has a delivery channel and UK local times with an offset', function (this: GpcWorld) {
  const { result, slots } = foundSlots(this);
  for (const s of slots) {
    check(this, UK_LOCAL.test(String(s.start)) && UK_LOCAL.test(String(s.end)), {
      evidence: result,
      expected: 'start and end as yyyy-mm-ddThh:mm:ss+00:00 or +01:00',
      actual: `Slot/${s.id} ${s.start}..${s.end}`,
    });
    const channel = extensionsOf(s, EXT.deliveryChannel)[0]?.valueCode;
    check(this, CHANNELS.includes(String(channel)), {
      evidence: result,
      expected: `a DeliveryChannel-2 extension (${CHANNELS.join(', ')})`,
      actual: `Slot/${s.id} channel ${JSON.stringify(channel)}`,
    });
  }
});

Then('the booked slot is not offered', function (this: GpcWorld) {
  // Not foundSlots: when the booked slot was the only one, an empty searchset is the right answer.
  const { result, bundle } = slotBundle(this);
  const problem = bookedSlotProblem(offeredBefore.get(this) ?? [], this.state.bookedSlotId, freeSlotIds(bundle));
  if (problem) fail(this, { evidence: result, ...problem });
});
