import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rootCauses } from '../../support/reports/root-causes';
import { outcomeChart } from '../../support/reports/html-root-causes';
import type { FailureEntry, Summary } from '../../support/reports/summary-types';

const failure = (scenario: string, over: Partial<FailureEntry> = {}): FailureEntry => ({
  scenario,
  hop: 'pds',
  requirement: 'WE-1c',
  message: `[PDS] WE-1c: expected one GP [evidence #${scenario.length}: GET http://127.0.0.1:4${scenario.length}/Patient/9000000084 → 200]`,
  status: 'failed',
  feature: 'f',
  uri: `features/${scenario}.feature`,
  source: 'check',
  expected: 'exactly one generalPractitioner',
  actual: '0 generalPractitioner',
  kind: 'check',
  ...over,
});

test('failures of one shared check are one cause listing every scenario it stopped', () => {
  const causes = rootCauses([
    failure('a'),
    failure('bb'),
    failure('ccc'),
    failure('d', { hop: 'sds', requirement: 'WE-2a', actual: 'no Endpoint' }),
  ]);
  assert.equal(causes.length, 2);
  assert.deepEqual([causes[0].hop, causes[0].requirement, causes[0].count], ['pds', 'WE-1c', 3]);
  assert.deepEqual(
    causes[0].scenarios.map((s) => s.scenario),
    ['a', 'bb', 'ccc'],
  );
  assert.deepEqual([causes[1].hop, causes[1].count], ['sds', 1]);
});

test('the same requirement failing in two different ways is two causes', () => {
  const causes = rootCauses([failure('a'), failure('b', { actual: '2 generalPractitioner' })]);
  assert.equal(causes.length, 2);
});

test('no failures, no causes', () => assert.deepEqual(rootCauses([]), []));

test('the outcome chart is inline SVG with one bar segment per hop and outcome present', () => {
  const summary = {
    requirements: {
      byId: {
        'WE-1a': { hop: 'pds', status: 'passed' },
        'WE-1c': { hop: 'pds', status: 'failed' },
        'WE-2a': { hop: 'sds', status: 'uncovered' },
        'CR-1': { hop: 'consumer', status: 'consumer-mode' },
      },
    },
  } as unknown as Summary;
  const svg = outcomeChart(summary).markup;
  assert.match(svg, /^<svg /);
  assert.equal((svg.match(/data-outcome=/g) ?? []).length, 3);
  assert.doesNotMatch(svg, /consumer/);
});
