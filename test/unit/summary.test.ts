/**
 * summary.json from hand-written Cucumber envelopes: one scenario per case the collector must get right
 * (passed, failed with a failure record, undefined step, retried), in the order Cucumber emits them.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { FAILURE_MEDIA_TYPE, type FailureRecord } from '../../support/evidence/types';
import { REQUIREMENTS } from '../../support/requirements';
import { SummaryCollector, type Summary, type SummaryEnvelope } from '../../support/reports/summary';

const at = (seconds: number) => ({ seconds, nanos: 0 });
const URI = 'features/worked-example/01-pds-trace.feature';

interface Attempt {
  /** Step statuses in order, e.g. ['PASSED', 'FAILED']. */
  statuses: string[];
  failure?: FailureRecord;
  error?: string;
}

/** The envelopes Cucumber emits for one scenario: its pickle and test case, then each attempt. */
function scenario(id: string, name: string, tags: string[], steps: string[], attempts: Attempt[]): SummaryEnvelope[] {
  const pickleSteps = steps.map((text, i) => ({ id: `${id}-ps${i}`, text }));
  const envelopes: SummaryEnvelope[] = [
    {
      pickle: {
        id: `${id}-p`,
        uri: URI,
        name,
        location: { line: 10 + Number(id.slice(1)) },
        tags: tags.map((t) => ({ name: t })),
        steps: pickleSteps,
      },
    },
    {
      testCase: {
        id: `${id}-tc`,
        pickleId: `${id}-p`,
        testSteps: pickleSteps.map((s, i) => ({ id: `${id}-ts${i}`, pickleStepId: s.id })),
      },
    },
  ];
  attempts.forEach((attempt, n) => {
    const started = `${id}-a${n}`;
    envelopes.push({ testCaseStarted: { id: started, testCaseId: `${id}-tc`, attempt: n, timestamp: at(100 + n) } });
    attempt.statuses.forEach((status, i) => {
      const message = status === 'FAILED' ? (attempt.error ?? 'Error: check failed\n    at stack') : undefined;
      envelopes.push({
        testStepFinished: {
          testCaseStartedId: started,
          testStepId: `${id}-ts${i}`,
          testStepResult: { status, message },
        },
      });
    });
    if (attempt.failure) {
      envelopes.push({
        attachment: {
          testCaseStartedId: started,
          body: JSON.stringify(attempt.failure),
          mediaType: FAILURE_MEDIA_TYPE,
          contentEncoding: 'IDENTITY',
        },
      });
    }
    envelopes.push({
      testCaseFinished: { testCaseStartedId: started, timestamp: at(101 + n), willBeRetried: n < attempts.length - 1 },
    });
  });
  return envelopes;
}

const CONTEXT = {
  target: 'embedded',
  faults: ['pds-no-gp'],
  startedAt: '2026-11-23T12:00:00.000Z',
  durationMs: 1234.4,
};

function summarise(envelopes: SummaryEnvelope[]): Summary {
  const collector = new SummaryCollector();
  [
    { testRunStarted: { timestamp: at(99) } },
    { gherkinDocument: { uri: URI, feature: { name: '1. PDS trace' } } },
    ...envelopes,
  ].forEach(collector.onMessage);
  collector.onMessage({ testRunFinished: { success: false, timestamp: at(200) } });
  return collector.summarise(CONTEXT);
}

const ODS_FAILURE: FailureRecord = {
  hop: 'pds',
  requirement: 'WE-1c',
  message: '[pds] WE-1c: generalPractitioner is missing',
  expected: 'one ODS code',
  actual: 'none',
  kind: 'missing',
};

const FOUR_SCENARIOS = [
  ...scenario(
    's1',
    'PDS returns the Patient',
    ['@hop:pds', '@WE-1a'],
    ['the registered patient', 'PDS answers 200'],
    [{ statuses: ['PASSED', 'PASSED'] }],
  ),
  // Hop tag says sds, the record says pds: the record wins for a failure.
  ...scenario(
    's2',
    'ODS code from generalPractitioner',
    ['@hop:sds', '@WE-1c'],
    ['the registered patient', 'one generalPractitioner'],
    [{ statuses: ['PASSED', 'FAILED'], failure: ODS_FAILURE }],
  ),
  ...scenario(
    's3',
    'Mirrors request IDs',
    ['@hop:pds', '@WE-1d'],
    ['the registered patient', 'PDS mirrors the IDs'],
    [{ statuses: ['PASSED', 'UNDEFINED'] }],
  ),
  ...scenario(
    's4',
    'Flaky trace',
    ['@hop:pds', '@WE-1b'],
    ['the registered patient', 'a valid check digit'],
    [
      { statuses: ['PASSED', 'FAILED'], failure: { hop: 'pds', requirement: 'WE-1b', message: '[pds] timeout' } },
      { statuses: ['PASSED', 'PASSED'] },
    ],
  ),
];

describe('summary collector', () => {
  const summary = summarise(FOUR_SCENARIOS);

  it('counts each scenario once by its worst step, a retried one by its last attempt', () => {
    assert.deepEqual(summary.scenarios, {
      total: 4,
      passed: 2,
      failed: 1,
      skipped: 0,
      undefined: 1,
      pending: 0,
      ambiguous: 0,
      unknown: 0,
      notApplicable: 0,
      notSupportedByProvider: 0,
    });
    const flaky = summary.results.find((r) => r.scenario === 'Flaky trace');
    assert.equal(flaky?.status, 'passed');
    assert.equal(flaky?.attempts, 2);
    assert.equal(flaky?.durationMs, 1000);
    assert.equal(summary.allPassed, false);
  });

  it('keeps the run context and the promised top-level keys in order', () => {
    assert.deepEqual(Object.keys(summary).slice(0, 6), [
      'target',
      'durationMs',
      'scenarios',
      'byTag',
      'byHop',
      'failures',
    ]);
    assert.equal(summary.target, 'embedded');
    assert.equal(summary.durationMs, 1234);
    assert.deepEqual(summary.faults, ['pds-no-gp']);
    assert.equal(summary.startedAt, CONTEXT.startedAt);
  });

  it('takes a failure from its failure record: hop, requirement, message and detail', () => {
    const failure = summary.failures.find((f) => f.scenario === 'ODS code from generalPractitioner');
    assert.deepEqual(
      { ...failure },
      {
        scenario: 'ODS code from generalPractitioner',
        hop: 'pds',
        requirement: 'WE-1c',
        message: '[pds] WE-1c: generalPractitioner is missing',
        status: 'failed',
        feature: '1. PDS trace',
        uri: URI,
        source: 'check',
        expected: 'one ODS code',
        actual: 'none',
        kind: 'missing',
      },
    );
  });

  it('reports an undefined step as a failure with its hop tag, first requirement tag and the step text', () => {
    const failure = summary.failures.find((f) => f.scenario === 'Mirrors request IDs');
    assert.equal(failure?.status, 'undefined');
    assert.equal(failure?.hop, 'pds');
    assert.equal(failure?.requirement, 'WE-1d');
    assert.equal(failure?.source, 'step');
    assert.match(failure?.message ?? '', /undefined.*"PDS mirrors the IDs"/);
    assert.equal(summary.failures.length, 2, 'one entry per non-passed scenario; the retried pass has none');
  });

  it('counts every tag, with the kind of not-passed', () => {
    assert.deepEqual(summary.byTag['@WE-1a'], { passed: 1, failed: 0 });
    assert.deepEqual(summary.byTag['@WE-1c'], { passed: 0, failed: 1 });
    assert.deepEqual(summary.byTag['@WE-1d'], { passed: 0, failed: 1, notPassed: { undefined: 1 } });
    assert.deepEqual(summary.byTag['@hop:pds'], { passed: 2, failed: 1, notPassed: { undefined: 1 } });
  });

  it('counts a failure under the hop its record names, a pass under its hop tag', () => {
    assert.deepEqual(summary.byHop, { pds: { passed: 2, failed: 2 } });
  });

  it('reports coverage of the catalogue', () => {
    assert.deepEqual(summary.requirements.byId['WE-1a'], {
      hop: 'pds',
      scenarios: 1,
      passed: 1,
      failed: 0,
      status: 'passed',
    });
    assert.equal(summary.requirements.byId['WE-1c'].status, 'failed');
    assert.equal(summary.requirements.covered, 4);
    const consumerRules: string[] = REQUIREMENTS.filter((r) => r.checkedBy === 'consumer-rule').map((r) => r.id);
    assert.ok(consumerRules.length > 10, `only ${consumerRules.length} consumer rules`);
    // Consumer rules are judged by `gpc-assure consumer`: listed apart, neither covered nor a gap of this run.
    assert.deepEqual(summary.requirements.consumerMode, consumerRules);
    assert.equal(summary.requirements.total, REQUIREMENTS.length - consumerRules.length);
    assert.equal(summary.requirements.uncovered.length, summary.requirements.total - 4);
    assert.ok(summary.requirements.uncovered.includes('WE-2a'));
    assert.ok(!summary.requirements.uncovered.some((id) => consumerRules.includes(id)));
    assert.equal(summary.requirements.byId['CON-JWT-AUD'].status, 'consumer-mode');
  });

  it('passes a run only when scenarios ran, all passed and nothing else broke', () => {
    const green = summarise(scenario('s1', 'passes', ['@hop:pds', '@WE-1a'], ['a step'], [{ statuses: ['PASSED'] }]));
    assert.equal(green.allPassed, true);
    assert.deepEqual(green.failures, []);
    assert.equal(summarise([]).allPassed, false, 'nothing ran');
    const withParseError = summarise([
      ...scenario('s1', 'passes', ['@hop:pds'], ['a step'], [{ statuses: ['PASSED'] }]),
      {
        parseError: {
          source: { uri: 'features/x.feature', location: { line: 3 } },
          message: '(3:1): expected: #Feature',
        },
      },
    ]);
    assert.equal(withParseError.allPassed, false);
    assert.deepEqual(withParseError.errors, ['features/x.feature:3: (3:1): expected: #Feature']);
  });

  it('reports a scenario that never started as not run, and the scenario-level hop tag wins', () => {
    const envelopes = scenario(
      's1',
      'SSP refuses a changed URL',
      ['@hop:provider', '@WE-3c', '@hop:ssp'],
      ['a step'],
      [],
    );
    const [failure] = summarise(envelopes).failures;
    assert.equal(failure.status, 'unknown');
    assert.equal(failure.hop, 'ssp');
    assert.match(failure.message, /did not run/);
  });

  it('reads a BASE64 failure record', () => {
    const envelopes = scenario('s1', 'fails', ['@hop:sds', '@WE-2a'], ['a step'], [{ statuses: ['FAILED'] }]);
    const record: FailureRecord = { hop: 'sds', requirement: 'WE-2a', message: '[sds] two Endpoints' };
    envelopes.splice(-1, 0, {
      attachment: {
        testCaseStartedId: 's1-a0',
        body: Buffer.from(JSON.stringify(record)).toString('base64'),
        mediaType: FAILURE_MEDIA_TYPE,
        contentEncoding: 'BASE64',
      },
    });
    assert.equal(summarise(envelopes).failures[0].message, '[sds] two Endpoints');
  });
});
