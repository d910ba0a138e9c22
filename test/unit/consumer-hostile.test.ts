/**
 * Consumer mode against a hostile or careless world (issues 18 and 20): started through `npx`, a SIGTERM to
 * npx still ends in the judgement and its reports; an oversize body is refused with an OperationOutcome and
 * recorded as size + sha256 + head; a recording cut off mid-line still loads.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { BODY_HEAD_BYTES, loadRecording } from '../../support/consumer/recording';
import { startConsumerSession } from '../../support/consumer/session';

const ROOT = resolve(__dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'gpc-consumer-hostile-'));
after(() => rmSync(work, { recursive: true, force: true }));

/** Pids of processes whose command line names `marker` (Linux /proc). */
function processesNaming(marker: string): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker);
      } catch {
        return false;
      }
    })
    .map(Number);
}

for (const signal of ['SIGTERM', 'SIGKILL'] as const)
  test(
    `npx gpc-assure consumer: ${signal} to npx reaches the judge, which writes its reports and exits`,
    { timeout: 90_000 },
    async () => {
      const dir = mkdtempSync(join(work, `npx-${signal}-`));
      const targetFile = join(dir, 'target.yaml');
      const reports = join(dir, 'reports');
      const npx = spawn(
        'npx',
        ['gpc-assure', 'consumer', '--port', '0', '--write-target', targetFile, '--reports', reports],
        {
          cwd: ROOT,
          stdio: 'ignore',
          env: { ...process.env, npm_config_offline: 'true', npm_config_update_notifier: 'false' },
        },
      );
      try {
        for (let i = 0; i < 600 && !existsSync(targetFile); i++) await sleep(100);
        assert.ok(existsSync(targetFile), 'the consumer session never started');
        const target = readFileSync(targetFile, 'utf8');
        const pdsBase = /pds:\s*\n\s*baseUrl:\s*(\S+)/.exec(target)![1];
        await fetch(`${pdsBase}/Patient/9000000009`, { headers: { 'X-Request-ID': crypto.randomUUID() } });
        // SIGKILL cannot be forwarded: only the launcher vanishing tells the consumer to stop.
        npx.kill(signal);
        const summary = join(reports, 'summary.json');
        for (let i = 0; i < 100 && (!existsSync(summary) || processesNaming(reports).length); i++) await sleep(100);
        assert.ok(existsSync(summary), `the reports were not written after ${signal} to npx`);
        assert.equal(JSON.parse(readFileSync(summary, 'utf8')).scenarios.total, 1);
        assert.deepEqual(processesNaming(reports), [], `a gpc-assure process outlived the ${signal}`);
      } finally {
        for (const pid of processesNaming(reports)) process.kill(pid, 'SIGKILL');
      }
    },
  );

test('an oversize body gets a 413 OperationOutcome and is recorded as size, sha256 and head', async () => {
  const recordingFile = join(work, 'oversize.ndjson');
  const session = await startConsumerSession({ recordingFile });
  const body = Buffer.alloc(1_500_000, 'x');
  try {
    const pds = session.proxies.find((p) => p.service === 'pds')!;
    const res = await fetch(`${pds.baseUrl}/personal-demographics/FHIR/R4/Patient`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/fhir+json' },
      body,
    });
    assert.equal(res.status, 413);
    assert.equal(((await res.json()) as { resourceType: string }).resourceType, 'OperationOutcome');
  } finally {
    await session.stop();
  }
  const [recorded] = loadRecording(recordingFile).requests;
  assert.equal(recorded.response.status, 413);
  assert.deepEqual(recorded.bodyDigest, {
    bytes: body.length,
    sha256: createHash('sha256').update(body).digest('hex'),
  });
  assert.equal(recorded.body?.length, BODY_HEAD_BYTES);
  assert.equal(session.judgements.length, 1, 'judged as it was recorded');
});

test('a recording cut off mid-line loads every complete line; a device is refused', async () => {
  const recordingFile = join(work, 'cut.ndjson');
  const session = await startConsumerSession({ recordingFile });
  try {
    const sds = session.proxies.find((p) => p.service === 'sds')!;
    await fetch(`${sds.baseUrl}/spine-directory/FHIR/R4/Endpoint`);
  } finally {
    await session.stop();
  }
  writeFileSync(recordingFile, `${readFileSync(recordingFile, 'utf8')}{"kind":"request","seq":2,"serv`);
  assert.equal(loadRecording(recordingFile).requests.length, 1);
  assert.throws(() => loadRecording('/dev/zero'), /not a regular file/);
});
