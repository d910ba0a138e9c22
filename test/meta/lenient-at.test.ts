/**
 * A provider lenient on one interaction only is caught on exactly that one (issue 16.1): each
 * `provider-lenient-<rule>@<interaction>` fault runs the rule's rows of the Spine-edge matrix, and the one row
 * for that interaction must fail naming hop provider and the rule, while the rule's rows on every other
 * interaction pass. The cases span header, claim, scope, interaction-ID, answer and format rules, reads and
 * writes; each provider case runs the feature support/edge-matrix.ts says probes its rule.
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { matrixFeature, matrixPairs } from '../../support/edge-matrix';
import { lenientAtFault, sspLenientAtFault } from '../../support/simulators/fault-modes/lenient-at';
import { metaWorkDir, runWithFault, RUNS_AT_ONCE } from './fault-runner';

const SSP_EVERY_STEP = 'features/spine-edge/07-ssp-every-step.feature';
/** The interactions 07-ssp-every-step.feature probes the SSP's rules on (WE-4b, WE-5b, WE-6b). */
const SSP_STEPS = ['search free slots', 'find patient', 'book appointment'];
const work = metaWorkDir('lenient-at');

interface Case {
  fault: string;
  rule: string;
  interaction: string;
  hop: 'provider' | 'ssp';
  feature: string;
  rows: number;
}

const provider = (rule: string, interaction: string): Case => ({
  fault: lenientAtFault(rule, interaction),
  rule,
  interaction,
  hop: 'provider',
  feature: matrixFeature(rule),
  // FMT-NEGOTIATE has two rows on a read or search (its precedence table too); both must fail there.
  rows: matrixPairs().filter((p) => p.rule === rule).length,
});

// SSP-HEADERS has no per-interaction form: its probe drops the Ssp-InteractionID that names the interaction.
const ssp = (rule: 'SSP-ASID' | 'SSP-PARTYKEY' | 'SSP-FOT', interaction: string): Case => ({
  fault: sspLenientAtFault(rule, interaction),
  rule,
  interaction,
  hop: 'ssp',
  feature: SSP_EVERY_STEP,
  rows: SSP_STEPS.length,
});

const PROVIDER_CASES: [rule: string, interaction: string][] = [
  ['JWT-ISS', 'book appointment'],
  ['HDR-TRACEID', 'read appointment'],
  ['JWT-SCOPE-MATCH', 'find patient'],
  ['HDR-INTERACTION-MATCH', 'search free slots'],
  ['JWT-AUD-ROOT', "retrieve patient's appointments"],
  ['JWT-EXPIRED', 'amend appointment'],
  ['FMT-NO-STORE', 'cancel appointment'],
  ['FMT-ETAG', 'read location'],
  ['FMT-NEGOTIATE', 'read patient'],
  ['FMT-GZIP', 'find organization'],
  ['FMT-415', 'book appointment'],
  ['FMT-ERROR-OUTCOME', 'amend appointment'],
];

const CASES: Case[] = [
  ...PROVIDER_CASES.map(([rule, name]) => provider(rule, name)),
  ssp('SSP-ASID', 'book appointment'),
  ssp('SSP-FOT', 'find patient'),
  ssp('SSP-PARTYKEY', 'search free slots'),
];

const LABEL = { provider: '[provider]', ssp: '[SSP]' };

describe('a provider lenient on one interaction is caught on that one only', { concurrency: RUNS_AT_ONCE }, () => {
  const figures: string[] = [];
  after(() => console.log(`lenient-on-one-interaction faults:\n${figures.join('\n')}`));
  for (const { fault, rule, interaction: name, hop, feature, rows: expected } of CASES) {
    it(`${fault} fails the @${rule} row for ${name} and no other`, { timeout: 60_000 }, async () => {
      const run = await runWithFault(fault, `@${rule}`, feature, join(work, fault.replace(/\W+/g, '-')));
      const tail = run.output.split('\n').slice(-15).join('\n');
      assert.ok(run.summary, `no summary.json (exit ${run.code}):\n${tail}`);
      assert.equal(run.code, 1, `exit code with ${fault} on:\n${tail}`);
      const rows = run.summary.results.filter((r) => r.tags.includes(`@${rule}`));
      assert.equal(rows.length, expected, `@${rule} rows that ran`);
      const failed = rows.filter((r) => r.status !== 'passed');
      assert.deepEqual(
        failed.map((r) => r.scenario),
        rows.filter((r) => r.scenario.endsWith(`"${name}"`)).map((r) => r.scenario),
        `${fault}: the failing rows are not exactly the one for ${name}`,
      );
      const [caught] = failed;
      assert.equal(caught.failure?.hop, hop, JSON.stringify(caught.failure));
      assert.equal(caught.failure?.requirement, rule, JSON.stringify(caught.failure));
      assert.ok(caught.failure?.message.startsWith(LABEL[hop]), caught.failure?.message);
      figures.push(
        `  ${fault.padEnd(60)} ${failed.length}/${rows.length} rows failed, ${rows.length - failed.length} passed, ${run.ms} ms`,
      );
    });
  }
});
