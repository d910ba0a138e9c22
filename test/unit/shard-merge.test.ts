/**
 * --shard I/N and merge-reports: the three shards of a run, merged, say what the unsharded run says —
 * counts, the ledger of scenarios and outcomes, the failures and their root causes — with and without a
 * fault; and a tampered shard is refused. One feature folder keeps the runs to a few seconds each.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { inShard, parseShard } from '../../support/cli/shard';
import { cliIn } from './cli-child';
import type { Summary } from '../../support/reports/summary-types';

const FEATURES = resolve(__dirname, '../../features/worked-example');
const work = mkdtempSync(join(tmpdir(), 'gpc-shard-'));
after(() => rmSync(work, { recursive: true, force: true }));

const cli = (args: string[]) => cliIn(work, args);

const read = (dir: string) => JSON.parse(readFileSync(join(work, dir, 'summary.json'), 'utf8')) as Summary;
/** What must agree: counts, the ledger (each scenario's place and outcome), the failures and their causes. */
const verdict = (s: Summary) => ({
  scenarios: s.scenarios,
  byHop: s.byHop,
  requirements: s.requirements,
  ledger: s.results.map((r) => `${r.uri}:${r.line} ${r.scenario} ${r.status}`),
  failures: s.failures.map((f) => `${f.uri} ${f.scenario} ${f.hop} ${f.requirement}`),
  rootCauses: (s.rootCauses ?? []).map((c) => `${c.hop} ${c.requirement} ${c.count}`),
  allPassed: s.allPassed,
});

describe('shards', () => {
  it('deals every scenario to exactly one shard, the same way every time', () => {
    const scenarios = Array.from({ length: 50 }, (_, i) => ({ uri: `f${i % 7}.feature`, name: `s${i}`, line: i }));
    const shards = [1, 2, 3].map((index) => inShard(scenarios, { index, count: 3 }));
    assert.deepEqual(
      shards
        .flat()
        .map((s) => s.name)
        .sort(),
      scenarios.map((s) => s.name).sort(),
    );
    assert.ok(
      shards.every((s) => s.length >= 16 && s.length <= 17),
      'round-robin keeps shards even',
    );
    assert.deepEqual(
      inShard([...scenarios].reverse(), { index: 2, count: 3 })
        .map((s) => s.name)
        .sort(),
      shards[1].map((s) => s.name).sort(),
    );
  });

  it('rejects a malformed --shard', () => {
    for (const bad of ['0/3', '4/3', '1/0', 'a/b', '1']) assert.throws(() => parseShard(bad), /--shard must be I\/N/);
  });

  for (const fault of [[], ['--fault', 'pds-no-gp']]) {
    it(`merged shards 1/3, 2/3, 3/3 equal the unsharded run${fault.length ? ` under ${fault[1]}` : ''}`, async () => {
      const tag = fault.length ? 'f' : 'p';
      const runs = await Promise.all([
        cli(['run', '--quiet', ...fault, '--reports', `${tag}-all`, FEATURES]),
        ...[1, 2, 3].map((i) =>
          cli(['run', '--quiet', ...fault, '--shard', `${i}/3`, '--reports', `${tag}-${i}`, FEATURES]),
        ),
      ]);
      const expected = fault.length ? 1 : 0;
      assert.deepEqual(
        runs.map((r) => r.code),
        [expected, expected, expected, expected],
        runs.map((r) => r.stderr).join('\n'),
      );
      const merged = await cli(['merge-reports', `${tag}-1`, `${tag}-2`, `${tag}-3`, '--out', `${tag}-merged`]);
      assert.equal(merged.code, expected, merged.stderr);
      assert.deepEqual(verdict(read(`${tag}-merged`)), verdict(read(`${tag}-all`)));
      if (fault.length) assert.ok(read(`${tag}-merged`).failures.length > 0, 'the fault must show in the merge');
      const verified = await cli(['verify-evidence', `${tag}-merged`]);
      assert.equal(verified.code, 0, verified.stdout);
      const junit = readFileSync(join(work, `${tag}-merged`, 'junit.xml'), 'utf8');
      assert.equal((junit.match(/<testcase /g) ?? []).length, read(`${tag}-all`).scenarios.total);
    });
  }

  it('refuses to merge a tampered shard, naming it', async () => {
    const summaryFile = join(work, 'p-2', 'summary.json');
    writeFileSync(summaryFile, readFileSync(summaryFile, 'utf8').replace('"failed": 1', '"failed": 0'));
    writeFileSync(join(work, 'p-2', 'extra.txt'), 'planted');
    const merged = await cli(['merge-reports', 'p-1', 'p-2', 'p-3', '--out', 'p-tampered']);
    assert.equal(merged.code, 1);
    assert.match(merged.stderr, /p-2: TAMPERED: .*added extra\.txt.*not merged/);
  });
});
