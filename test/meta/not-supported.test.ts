/**
 * A provider whose CapabilityStatement leaves out an interaction: the scenarios that use it end as not
 * supported by the provider, with the CapabilityStatement exchange as evidence, listed apart in summary.json
 * and index.html, counted as non-passes (exit 1), and not as a failure of some unrelated check.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { metaWorkDir, runWithFault } from './fault-runner';

const work = metaWorkDir('not-supported');

it(
  'provider-capability-omits-book: the booking scenarios end as not supported by the provider',
  { timeout: 60_000 },
  async () => {
    const reports = join(work, 'omits-book');
    const run = await runWithFault('provider-capability-omits-book', 'not @none', 'features/worked-example', reports);
    assert.ok(run.summary, run.output);
    const { scenarios, failures, notSupportedByProvider = [], results } = run.summary;
    assert.equal(run.code, 1, 'a not-supported interaction is a non-pass');
    assert.deepEqual(failures, [], 'no check failed in its place');
    assert.ok(notSupportedByProvider.length >= 4, `${notSupportedByProvider.length} not supported`);
    assert.equal(scenarios.notSupportedByProvider, notSupportedByProvider.length);
    for (const entry of notSupportedByProvider) {
      assert.match(
        entry.reasons[0],
        /^book appointment \(POST \/Appointment\) is not declared in the CapabilityStatement/,
      );
      assert.ok(entry.exchange, `${entry.scenario}: the CapabilityStatement exchange is the evidence`);
    }
    assert.ok(results.some((r) => r.tags.includes('@WE-6a') && r.outcome === 'not-supported-by-provider'));
    assert.ok(results.filter((r) => r.status === 'passed').length > 0, 'what the provider does offer still ran');
    const html = readFileSync(join(reports, 'index.html'), 'utf8');
    assert.match(
      html,
      /Not supported by the provider: its CapabilityStatement does not declare the interaction \(\d+\)/,
    );
  },
);

/**
 * Every provider interaction is checked before use, not only booking: a Foundations read and a structured
 * operation left out of their roots' statements turn exactly their own scenarios into not supported. The one
 * check that fails is the one about that declaration (AM-CS-DECLARES); nothing unrelated fails in their place.
 */
const OMISSIONS = [
  {
    fault: 'provider-capability-omits-read-practitioner',
    features: ['features/worked-example-depth', 'features/spine-edge/06-edge-matrix.feature'],
    reason:
      /^read practitioner \(GET \/Practitioner\/\{id\}\) is not declared in the CapabilityStatement of .*\/gpconnect$/,
    notSupported: 4,
    failedRequirements: ['AM-CS-DECLARES'],
  },
  {
    fault: 'provider-capability-omits-migrate-structured',
    features: ['features/access-record-structured'],
    reason:
      /^migrate structured record \(POST \/Patient\/\$gpc\.migratestructuredrecord\) is not declared .*\/gpconnect\/structured$/,
    notSupported: 1,
    failedRequirements: [],
  },
] as const;

for (const o of OMISSIONS) {
  it(`${o.fault}: exactly that interaction's scenarios end as not supported`, { timeout: 90_000 }, async () => {
    const run = await runWithFault(o.fault, 'not @none', [...o.features], join(work, o.fault));
    assert.ok(run.summary, run.output);
    const { scenarios, failures, notSupportedByProvider = [] } = run.summary;
    assert.equal(run.code, 1, 'a not-supported interaction is a non-pass');
    assert.equal(notSupportedByProvider.length, o.notSupported, JSON.stringify(notSupportedByProvider, null, 1));
    assert.equal(scenarios.notSupportedByProvider, o.notSupported);
    for (const entry of notSupportedByProvider) {
      assert.match(entry.reasons[0], o.reason);
      assert.ok(entry.exchange, `${entry.scenario}: the CapabilityStatement exchange is the evidence`);
    }
    assert.deepEqual([...new Set(failures.map((f) => f.requirement))], o.failedRequirements, JSON.stringify(failures));
  });
}
