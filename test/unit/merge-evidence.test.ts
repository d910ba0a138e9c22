/**
 * merge-reports with two inputs holding scenarios of the same feature and name (two targets of an estate run,
 * or a scenario repeated across shards): each merged result keeps the evidence of its own input folder, in
 * the merged index.html too, never the other input's. In process and on written folders: no run needed.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { ScenarioEvidence } from '../../support/evidence/types';
import { writeManifest } from '../../support/reports/manifest';
import { evidenceByInput, mergeReports, mergeSummaries } from '../../support/reports/merge';
import { summaryOfResults } from '../../support/reports/summary';
import type { ScenarioResult, Summary } from '../../support/reports/summary-types';

const work = mkdtempSync(join(tmpdir(), 'gpc-merge-evidence-'));
after(() => rmSync(work, { recursive: true, force: true }));

const FEATURE = '1. PDS trace';
const NAMES = ['PDS returns the Patient for the NHS number traced', 'PDS mirrors the request and correlation IDs'];

function summaryOf(target: string): Summary {
  const results: ScenarioResult[] = NAMES.map((scenario, i) => ({
    scenario,
    feature: FEATURE,
    uri: 'features/worked-example/01-pds-trace.feature',
    line: 10 + i * 5,
    tags: ['@hop:pds', `@WE-1${'ad'[i]}`],
    hop: 'pds',
    status: 'passed',
    attempts: 1,
  }));
  const context = { target, faults: [], startedAt: '2026-12-04T17:00:00.000Z', durationMs: 1000 };
  return summaryOfResults(results, context, []);
}

const evidenceOf = (target: string, scenario: string): ScenarioEvidence => ({
  scenario,
  feature: FEATURE,
  tags: [],
  target,
  exchanges: [],
  journey: { odsCode: `ODS-OF-${target}` },
});

/** A reports folder as a run leaves it: summary.json, evidence/, manifest.json last. */
function inputFolder(target: string): string {
  const dir = join(work, target);
  mkdirSync(join(dir, 'evidence'), { recursive: true });
  writeFileSync(join(dir, 'summary.json'), JSON.stringify(summaryOf(target)));
  NAMES.forEach((name, i) =>
    writeFileSync(join(dir, 'evidence', `${target}-${i}.json`), JSON.stringify(evidenceOf(target, name))),
  );
  writeManifest(dir);
  return dir;
}

test('evidence is matched within each input: same feature and scenario names, each keeps its own', () => {
  const inputs = [summaryOf('north'), summaryOf('south')];
  const evidence = inputs.map((s) => NAMES.map((n) => evidenceOf(s.target, n)));
  const merged = mergeSummaries(inputs);
  const byResult = evidenceByInput(inputs, evidence);
  assert.equal(merged.results.length, 4);
  // The merged summary's results are the inputs' own objects: the map finds every one of them.
  const owners = merged.results.map((r) => byResult.get(r)?.target);
  assert.deepEqual(owners.sort(), ['north', 'north', 'south', 'south']);
  for (const [i, s] of inputs.entries())
    for (const r of s.results) assert.equal(byResult.get(r)?.target, ['north', 'south'][i], r.scenario);
});

test('the merged index.html shows both inputs evidence, once per scenario', () => {
  const out = join(work, 'merged');
  const summary = mergeReports([inputFolder('north'), inputFolder('south')], out);
  assert.equal(summary.scenarios.total, 4);
  const html = readFileSync(join(out, 'index.html'), 'utf8');
  const count = (s: string) => html.split(s).length - 1;
  assert.equal(count('ODS-OF-north'), 2, 'each of north’s two scenarios shows north’s evidence');
  assert.equal(count('ODS-OF-south'), 2, 'each of south’s two scenarios shows south’s evidence');
});
