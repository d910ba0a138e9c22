/** Step 6 in depth (AM-BOOK-*): what a booking must and may carry, Prefer, and one winner per slot. */
import { Then, When } from '@cucumber/cucumber';
import { ofType, type Resource } from '../../support/fhir/bundle';
import { bookingProbe } from '../../support/gpconnect/booking-probes';
import type { HttpResult } from '../../support/spine/http';
import { check, expectAnswer, fail } from '../../support/world/checks';
import { DAY_MS, ukDate } from '../../support/spine/uk-time';
import { bookingBody, bookWith, depthRequirement, searchSlotsWith } from '../../support/world/depth';
import type { GpcWorld } from '../../support/world/world';
import { need } from '../../support/world/stages';

/** The answers of a concurrent burst, per scenario. */
const bursts = new WeakMap<GpcWorld, HttpResult[]>();

When('the consumer books the slot with {}', async function (this: GpcWorld, probe: string) {
  await bookWith(this, bookingBody(this, bookingProbe(probe)), {}, true);
});

When('the consumer books the slot preferring return={word}', async function (this: GpcWorld, preference: string) {
  await bookWith(this, bookingBody(this), { Prefer: `return=${preference}` });
});

When('{int} consumers book the slot at once', async function (this: GpcWorld, count: number) {
  const body = bookingBody(this);
  bursts.set(this, await Promise.all(Array.from({ length: count }, () => bookWith(this, structuredClone(body)))));
});

Then('the created Appointment comes back with no body', function (this: GpcWorld) {
  const result = this.answer('provider');
  const requirement = depthRequirement(this);
  check(this, result.status === 201, {
    requirement,
    evidence: result,
    expected: 'HTTP 201',
    actual: `HTTP ${result.status}`,
  });
  check(this, result.text.trim() === '', {
    requirement,
    evidence: result,
    expected: 'no body (Prefer: return=minimal)',
    actual: `${result.text.length} characters of body`,
  });
});

Then('the created Appointment comes back in full', function (this: GpcWorld) {
  const result = this.answer('provider');
  const appt = expectAnswer(this, result, {
    requirement: depthRequirement(this),
    status: 201,
    resourceType: 'Appointment',
  });
  check(this, typeof appt.id === 'string', {
    requirement: depthRequirement(this),
    evidence: result,
    expected: 'the stored Appointment with its id',
    actual: JSON.stringify(appt.id),
  });
});

Then(
  'exactly {int} booking answers 201 and the other {int} answer {int} {word}',
  function (this: GpcWorld, winners: number, losers: number, status: number, code: string) {
    const answers = bursts.get(this) ?? [];
    const count = (pred: (r: HttpResult) => boolean) => answers.filter(pred).length;
    const created = count((r) => r.status === 201);
    const rejected = count((r) => r.status === status && r.text.includes(code));
    const tally = [...new Set(answers.map((r) => r.status))]
      .map((s) => `${count((r) => r.status === s)} × ${s}`)
      .join(', ');
    const evidence = answers.find((r) => r.status === 201 && created > winners) ?? answers[0];
    check(this, created === winners && rejected === losers, {
      requirement: depthRequirement(this),
      evidence,
      expected: `${winners} × 201 and ${losers} × ${status} ${code}`,
      actual: tally,
    });
  },
);

/**
 * Two free slots of one schedule from the search: the second starting as the first ends (adjacent), or
 * later with a gap. Earlier scenarios may have booked some slots, so any first slot will do.
 */
function slotPair(w: GpcWorld, adjacent: boolean): Resource[] {
  const slots = ofType(need(w, 'slotSearch').slotSearch.bundle, 'Slot');
  const sameSchedule = (a: Resource, b: Resource) => JSON.stringify(a.schedule) === JSON.stringify(b.schedule);
  const fits = (a: Resource, b: Resource) =>
    sameSchedule(a, b) && (adjacent ? b.start === a.end : Date.parse(String(b.start)) > Date.parse(String(a.end)));
  for (const first of slots) {
    const second = slots.find((b) => fits(first, b));
    if (second) return [first, second];
  }
  throw new Error(
    `the slot search offered no two ${adjacent ? 'adjacent' : 'non-adjacent'} free slots of one schedule`,
  );
}

When('the consumer books two {word} slots of one schedule', async function (this: GpcWorld, kind: string) {
  const [first, second] = slotPair(this, kind === 'adjacent');
  this.state.slot = first;
  const body = bookingBody(this, (a) => {
    a.slot = [{ reference: `Slot/${first.id}` }, { reference: `Slot/${second.id}` }];
    a.end = second.end;
  });
  await bookWith(this, body);
});

/** Yesterday's free slots: a past range is a legal search (AM-BOOK-PAST); booking one must be refused. */
When('the consumer books a free slot from yesterday', async function (this: GpcWorld) {
  const yesterday = ukDate(new Date(Date.now() - DAY_MS));
  const result = await searchSlotsWith(this, { start: yesterday, end: yesterday });
  const bundle = expectAnswer(this, result, {
    requirement: depthRequirement(this),
    status: 200,
    resourceType: 'Bundle',
  });
  const past = ofType(bundle, 'Slot')[0];
  // A provider need not offer past slots; without one this check cannot run here, which is no provider breach.
  check(this, !!past, {
    hop: 'config',
    requirement: depthRequirement(this),
    evidence: result,
    expected: 'a free slot yesterday at the practice, to try to book',
    actual: 'none offered',
    kind: 'config',
  });
  need(this, 'slotSearch').slotSearch.bundle = bundle;
  this.state.slot = past;
  await bookWith(this, bookingBody(this));
});

/** The slot search never offers a Visit slot, so the target file names one (testData.visitSlot). */
When('the consumer books the Visit slot the target names', async function (this: GpcWorld) {
  const visit =
    this.target.testData.visitSlot ??
    fail(this, {
      hop: 'config',
      expected: `testData.visitSlot in target ${this.target.name}`,
      actual: 'none',
      kind: 'config',
    });
  // The honest body for the slot found, moved onto the Visit slot: only the slot is wrong.
  await bookWith(
    this,
    bookingBody(this, (a) =>
      Object.assign(a, { slot: [{ reference: `Slot/${visit.id}` }], start: visit.start, end: visit.end }),
    ),
  );
});
