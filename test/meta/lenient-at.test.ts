/**
 * A provider lenient on one interaction only is caught on exactly that one (issue 16.1): each
 * `provider-lenient-<rule>@<interaction>` fault runs the rule's rows of the Spine-edge matrix, and the one row
 * for that interaction must fail naming hop provider and the rule, while the rule's rows on every other
 * interaction pass. The cases span header, claim, scope, interaction-ID and answer rules, reads and writes.
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { appliesTo, MATRIX_INTERACTIONS } from '../../support/edge-matrix';
import { lenientAtFault } from '../../support/simulators/fault-modes/provider-edge-at';
import { metaWorkDir, runWithFault, RUNS_AT_ONCE } from './fault-runner';

const MATRIX = 'features/spine-edge/06-edge-matrix.feature';
const work = metaWorkDir('lenient-at');

const CASES: [rule: string, interaction: string][] = [
  ['JWT-ISS', 'book appointment'],
  ['HDR-TRACEID', 'read appointment'],
  ['JWT-SCOPE-MATCH', 'find patient'],
  ['HDR-INTERACTION-MATCH', 'search free slots'],
  ['JWT-AUD-ROOT', "retrieve patient's appointments"],
  ['JWT-EXPIRED', 'amend appointment'],
  ['FMT-NO-STORE', 'cancel appointment'],
  ['FMT-ETAG', 'read location'],
];

describe('a provider lenient on one interaction is caught on that one only', { concurrency: RUNS_AT_ONCE }, () => {
  const figures: string[] = [];
  after(() => console.log(`lenient-on-one-interaction faults:\n${figures.join('\n')}`));
  for (const [rule, name] of CASES) {
    const fault = lenientAtFault(rule, name);
    it(`${fault} fails the @${rule} row for ${name} and no other`, { timeout: 60_000 }, async () => {
      const run = await runWithFault(fault, `@${rule}`, MATRIX, join(work, `${rule}-${name.replace(/\W+/g, '-')}`));
      const tail = run.output.split('\n').slice(-15).join('\n');
      assert.ok(run.summary, `no summary.json (exit ${run.code}):\n${tail}`);
      assert.equal(run.code, 1, `exit code with ${fault} on:\n${tail}`);
      const rows = run.summary.results.filter((r) => r.tags.includes(`@${rule}`));
      const expected = MATRIX_INTERACTIONS.filter((i) => appliesTo(rule, i)).length;
      assert.equal(rows.length, expected, `@${rule} rows that ran`);
      const failed = rows.filter((r) => r.status !== 'passed');
      assert.deepEqual(
        failed.map((r) => r.scenario),
        rows.filter((r) => r.scenario.endsWith(`"${name}"`)).map((r) => r.scenario),
        `${fault}: the failing rows are not exactly the one for ${name}`,
      );
      const [caught] = failed;
      assert.equal(caught.failure?.hop, 'provider', JSON.stringify(caught.failure));
      assert.equal(caught.failure?.requirement, rule, JSON.stringify(caught.failure));
      assert.ok(caught.failure?.message.startsWith('[provider]'), caught.failure?.message);
      figures.push(`  ${fault.padEnd(60)} 1/${rows.length} rows failed, ${rows.length - 1} passed, ${run.ms} ms`);
    });
  }
});
