/**
 * Checks that once passed on absence (issue 17 item 11): WE-1d passed when neither X-Request-ID nor
 * X-Correlation-ID was sent or mirrored; WE-6d passed on a search that offered nothing. Each now requires
 * what must be there, failing on a wrong answer and passing on a right one.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { bookedSlotProblem, mirrorProblems } from '../../support/world/presence';

const NAMES = ['X-Request-ID', 'X-Correlation-ID'];
const SENT = { 'X-Request-ID': 'req-1', 'X-Correlation-ID': 'cor-1' };

describe('WE-1d: PDS mirrors X-Request-ID and X-Correlation-ID', () => {
  it('passes when both come back unchanged, whatever their case', () => {
    assert.deepEqual(mirrorProblems(SENT, { 'x-request-id': 'req-1', 'x-correlation-id': 'cor-1' }, NAMES), []);
  });

  it('fails when neither was sent nor mirrored (it used to pass: undefined equals undefined)', () => {
    const problems = mirrorProblems({}, {}, NAMES);
    assert.equal(problems.length, 2);
    assert.match(problems[0].actual, /no X-Request-ID sent/);
  });

  it('fails on a missing or changed echo', () => {
    assert.deepEqual(
      mirrorProblems(SENT, { 'x-request-id': 'req-1' }, NAMES).map((p) => p.actual),
      ['no X-Correlation-ID'],
    );
    assert.deepEqual(
      mirrorProblems(SENT, { 'x-request-id': 'other', 'x-correlation-id': 'cor-1' }, NAMES).map((p) => p.actual),
      ['X-Request-ID other'],
    );
  });
});

describe('WE-6d: a booked slot is no longer offered as free', () => {
  it('passes when the booked slot is gone and the others are still offered', () => {
    assert.equal(bookedSlotProblem(['a', 'b', 'c'], 'a', ['b', 'c']), undefined);
  });

  it('passes on an empty searchset when the booked slot was the only one offered', () => {
    assert.equal(bookedSlotProblem(['a'], 'a', []), undefined);
  });

  it('fails on an empty searchset when other slots were offered before (it used to pass)', () => {
    assert.match(bookedSlotProblem(['a', 'b'], 'a', [])?.actual ?? '', /empty searchset/);
  });

  it('fails when the booked slot is still offered, or no slot was booked', () => {
    assert.match(bookedSlotProblem(['a', 'b'], 'a', ['a', 'b'])?.actual ?? '', /still offered/);
    assert.match(bookedSlotProblem(['a', 'b'], undefined, ['b'])?.actual ?? '', /no slot was booked/);
    assert.match(bookedSlotProblem(['a', 'b'], 'z', ['b'])?.expected ?? '', /among the slots first offered/);
  });
});
