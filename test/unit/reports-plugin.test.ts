/**
 * The reports formatter plugin, fed the message stream of a real run: test/fixtures/messages/ holds one,
 * recorded with `gpc-assure run --fault pds-no-gp features/worked-example/01-pds-trace.feature` (4 scenarios,
 * the WE-1c one failing at PDS). Re-record it the same way after a change to the World's attachments.
 */
import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { EVIDENCE_MEDIA_TYPE, type ScenarioEvidence } from '../../support/evidence/types';
import { describeRun, reportsFormatter } from '../../support/reports/cucumber-formatter';
import { DEFAULT_SPEC_VERSIONS } from '../../support/versions';
import { isClean, readManifest, verifyManifest } from '../../support/reports/manifest';
import type { Summary, SummaryEnvelope } from '../../support/reports/summary-types';

const RECORDING = join(__dirname, '..', 'fixtures', 'messages', 'pds-trace-fault-pds-no-gp.ndjson');
const envelopes = readFileSync(RECORDING, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as SummaryEnvelope);

const folders: string[] = [];
after(() => folders.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Runs the plugin over the recording as Cucumber would; returns the folder and what it wrote to its stream. */
async function replay(options: Record<string, unknown> = { faults: ['pds-no-gp'] }) {
  const directory = mkdtempSync(join(tmpdir(), 'gpc-plugin-'));
  folders.push(directory);
  const atExit: (() => void)[] = [];
  const handlers: ((e: SummaryEnvelope) => void)[] = [];
  const cleanup = reportsFormatter((task) => atExit.push(task)).formatter({
    on: (_key, handler) => handlers.push(handler),
    options,
    directory,
  });
  for (const envelope of envelopes) handlers.forEach((h) => h(envelope));
  await cleanup();
  const summary = JSON.parse(readFileSync(join(directory, 'summary.json'), 'utf8')) as Summary;
  return { directory, summary, exit: () => atExit.forEach((task) => task()) };
}

describe('the reports formatter plugin over a recorded run', () => {
  it('summarises the recorded scenarios: three passed, WE-1c failed naming PDS', async () => {
    const { summary } = await replay();
    assert.deepEqual(
      { total: summary.scenarios.total, passed: summary.scenarios.passed, failed: summary.scenarios.failed },
      { total: 4, passed: 3, failed: 1 },
    );
    assert.equal(summary.failures.length, 1);
    assert.equal(summary.failures[0].hop, 'pds');
    assert.equal(summary.failures[0].requirement, 'WE-1c');
    assert.match(summary.failures[0].message, /^\[PDS\] WE-1c .*evidence #1: GET /);
    assert.deepEqual(summary.faults, ['pds-no-gp']);
    assert.equal(summary.target, 'embedded');
    assert.equal(summary.allPassed, false);
  });

  it("takes the run's start and duration from Cucumber's own timestamps", async () => {
    const { summary } = await replay();
    const started = envelopes.find((e) => e.testRunStarted)!.testRunStarted!.timestamp;
    assert.equal(summary.startedAt, new Date(started.seconds * 1000 + started.nanos / 1e6).toISOString());
    assert.ok(summary.durationMs > 0);
  });

  it('writes one evidence file per evidence attachment, byte for byte what the World attached', async () => {
    const { directory } = await replay();
    const attached = envelopes.filter((e) => e.attachment?.mediaType === EVIDENCE_MEDIA_TYPE).map((e) => e.attachment!);
    const files = readdirSync(join(directory, 'evidence'));
    assert.equal(files.length, attached.length);
    assert.ok(attached.length > 0);
    const texts = new Set(files.map((f) => readFileSync(join(directory, 'evidence', f), 'utf8')));
    for (const a of attached) assert.ok(texts.has(a.body), 'an attachment has no file with its text');
    const failed = files
      .map((f) => JSON.parse(readFileSync(join(directory, 'evidence', f), 'utf8')) as ScenarioEvidence)
      .filter((e) => e.failure);
    assert.deepEqual(
      failed.map((e) => e.failure?.requirement),
      ['WE-1c'],
    );
  });

  it('writes index.html with the failure, and manifest.json only at exit, covering every file', async () => {
    const { directory, exit } = await replay();
    const html = readFileSync(join(directory, 'index.html'), 'utf8');
    assert.match(html, /WE-1c/);
    assert.equal(existsSync(join(directory, 'manifest.json')), false, 'manifest.json before the other reports closed');
    exit();
    const manifest = readManifest(directory);
    assert.ok(isClean(verifyManifest(directory, manifest)));
    assert.ok('summary.json' in manifest.files && 'index.html' in manifest.files);
  });

  it('a run Cucumber cuts short (no clean-up) still gets its summary at exit, naming why', () => {
    const directory = mkdtempSync(join(tmpdir(), 'gpc-plugin-cut-'));
    folders.push(directory);
    const atExit: (() => void)[] = [];
    const handlers: ((e: SummaryEnvelope) => void)[] = [];
    reportsFormatter((task) => atExit.push(task)).formatter({
      on: (_k, h) => handlers.push(h),
      options: {},
      directory,
    });
    const cut = envelopes.slice(
      0,
      envelopes.findIndex((e) => e.testCaseFinished),
    );
    for (const envelope of cut) handlers.forEach((h) => h(envelope));
    atExit.forEach((task) => task());
    const summary = JSON.parse(readFileSync(join(directory, 'summary.json'), 'utf8')) as Summary;
    assert.equal(summary.allPassed, false);
    assert.ok(summary.errors.some((e) => /stopped before it finished/.test(e)));
    assert.ok(isClean(verifyManifest(directory, readManifest(directory))));
  });

  it('clears evidence left by an earlier run in the same folder', async () => {
    const { directory } = await replay();
    writeFileSync(join(directory, 'evidence', 'stale.json'), '{}');
    const handlers: ((e: SummaryEnvelope) => void)[] = [];
    reportsFormatter(() => undefined).formatter({ on: (_k, h) => handlers.push(h), options: {}, directory });
    assert.deepEqual(readdirSync(join(directory, 'evidence')), []);
  });

  it("names the target from the target file's name, as the CLI does", () => {
    const dir = mkdtempSync(join(tmpdir(), 'gpc-plugin-target-'));
    folders.push(dir);
    writeFileSync(join(dir, 't.yaml'), 'name: my-int-env\npds: {}\n');
    assert.equal(describeRun({ targetFile: join(dir, 't.yaml') }).target, 'my-int-env');
    assert.equal(describeRun({}).target, 'embedded');
    assert.equal(describeRun({ target: 'given', targetFile: join(dir, 't.yaml') }).target, 'given');
  });

  it("records the spec versions as the CLI does: the defaults, or the target file's over them", () => {
    const dir = mkdtempSync(join(tmpdir(), 'gpc-plugin-versions-'));
    folders.push(dir);
    writeFileSync(join(dir, 't.yaml'), 'name: v\nspecVersions:\n  structured: 1.5.1\n');
    assert.deepEqual(describeRun({}).specVersions, DEFAULT_SPEC_VERSIONS);
    assert.deepEqual(describeRun({ targetFile: join(dir, 't.yaml') }).specVersions, {
      ...DEFAULT_SPEC_VERSIONS,
      structured: '1.5.1',
    });
  });
});
