import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadTargetFile } from '../../support/config/target';
import { consumer } from '../../support/cli/consumer';
import { brokenRuleIds, judgeRecording } from '../../support/consumer/judge';
import { loadRecording } from '../../support/consumer/recording';
import { runReferenceConsumer, type ConsumerVariant } from '../../support/consumer/reference-consumer';
import { CONSUMER_REPORT, RECORDING_FILE } from '../../support/consumer/reports';
import { CONSUMER_RULES } from '../../support/consumer/rules';
import type { Resource } from '../../support/fhir/bundle';
import { UNAGREED_CONSUMER } from '../../support/simulators/fixtures/estate';
import { recordSession } from './consumer-session';

const nowSeconds = () => Math.floor(Date.now() / 1000);
const withoutOrgTelecom = (b: Resource): Resource => ({
  ...b,
  contained: (b.contained as Resource[]).map(({ telecom: _telecom, ...org }) => org),
});

const withoutOrgIdentifier = (b: Resource): Resource => ({
  ...b,
  contained: (b.contained as Resource[]).map(({ identifier: _identifier, ...org }) => org),
});
/** The six forbidden elements reason's row does not cover, each with a value of its type. */
const FORBIDDEN_ELEMENTS_SENT: [string, unknown][] = [
  ['specialty', [{ text: 'General practice' }]],
  ['appointmentType', { text: 'Routine' }],
  ['indication', [{ reference: 'Condition/1' }]],
  ['supportingInformation', [{ reference: 'Observation/1' }]],
  ['incomingReferral', [{ reference: 'ReferralRequest/1' }]],
  ['requestedPeriod', [{ start: '2030-01-01' }]],
];
/** The 0.x (DSTU2) requesting_practitioner: name an object with family[], the SDS id under http://fhir.nhs.net. */
const DSTU2_PRACTITIONER = {
  resourceType: 'Practitioner',
  id: 'G13579135',
  name: { family: ['Jones'], given: ['Claire'], prefix: ['Dr.'] },
  identifier: [{ system: 'http://fhir.nhs.net/sds-user-id', value: 'G13579135' }],
};

/**
 * Each wrong consumer: the reference consumer with one thing changed, the rule that must catch it, and any
 * rule the same mistake breaks as well (a root with a slash is also a wrong aud).
 */
const WRONG_CONSUMERS: { wrong: string; variant: ConsumerVariant; breaks: string; also?: string[] }[] = [
  {
    wrong: "Ssp-From the hosting organisation's ASID",
    variant: { fromAsid: UNAGREED_CONSUMER.asid },
    breaks: 'CON-T2-ORIGIN',
  },
  {
    wrong: 'the Access Record Structured root reused for appointments',
    variant: { lookup: 'read structured metadata' },
    breaks: 'CON-T11-ROOT',
    also: ['HDR-INTERACTION-MATCH'],
  },
  {
    wrong: 'exp − iat = 3600',
    variant: { claims: () => ({ iat: nowSeconds(), exp: nowSeconds() + 3600 }) },
    breaks: 'CON-JWT-LIFETIME',
  },
  { wrong: 'no X-Request-ID on the PDS trace', variant: { omitRequestId: true }, breaks: 'CON-PDS-REQUEST-ID' },
  { wrong: 'a 15-day slot search', variant: { slotDays: 15 }, breaks: 'CON-SLOT-PARAMS' },
  {
    wrong: 'a slot search with start=gt…',
    variant: { slotQuery: (q) => q.replace('start=ge', 'start=gt') },
    breaks: 'CON-SLOT-PARAMS',
  },
  {
    wrong: 'a slot search without _include=Slot:schedule',
    variant: { slotQuery: (q) => q.replace('_include=Slot%3Aschedule&', '') },
    breaks: 'CON-SLOT-PARAMS',
  },
  {
    wrong: 'aud the obsolete token endpoint',
    variant: { claims: () => ({ aud: 'https://authorize.fhir.nhs.net/token' }) },
    breaks: 'CON-JWT-AUD',
  },
  {
    wrong: 'requested_scope patient/*.write on every request',
    variant: { claims: () => ({ requested_scope: 'patient/*.write' }) },
    breaks: 'CON-JWT-SCOPE',
  },
  { wrong: 'sub not the practitioner id', variant: { claims: () => ({ sub: 'someone-else' }) }, breaks: 'CON-JWT-SUB' },
  {
    wrong: 'a one-step SDS lookup (Device without party key)',
    variant: { oneStepSds: true },
    breaks: 'CON-SDS-TWO-STEP',
  },
  { wrong: 'GP Connect before any PDS trace', variant: { skipTrace: true }, breaks: 'CON-PDS-FIRST' },
  {
    wrong: 'the service root with a trailing slash',
    variant: { root: (r) => `${r}/` },
    breaks: 'CON-URL-ROOT',
    also: ['CON-JWT-AUD'],
  },
  {
    wrong: 'a booking with reason',
    variant: { booking: (b) => ({ ...b, reason: [{ text: 'cough' }] }) },
    breaks: 'CON-BOOKING-BODY',
  },
  {
    wrong: 'a booking organisation without telecom',
    variant: { booking: withoutOrgTelecom },
    breaks: 'CON-BOOKING-BODY',
  },
  { wrong: 'no Ssp-TraceID', variant: { headers: { 'Ssp-TraceID': null } }, breaks: 'HDR-TRACEID' },
  // The judge reads the provider's own body and search rules (support/domain/rules/): every element the
  // profile forbids, not only reason, and what the provider refuses in a search.
  ...FORBIDDEN_ELEMENTS_SENT.map(([element, value]) => ({
    wrong: `a booking with ${element}`,
    variant: { booking: (b: Resource) => ({ ...b, [element]: value }) },
    breaks: 'CON-BOOKING-BODY',
  })),
  {
    wrong: 'a booking with an element the profile does not have',
    variant: { booking: (b) => ({ ...b, priorityCode: 'urgent' }) },
    breaks: 'CON-BOOKING-BODY',
  },
  {
    wrong: 'a booking organisation without an ODS code',
    variant: { booking: withoutOrgIdentifier },
    breaks: 'CON-BOOKING-BODY',
  },
  {
    wrong: 'a slot search ending on a date no calendar has',
    variant: { slotQuery: (q) => q.replace(/end=le\d{4}-\d{2}-\d{2}/, 'end=le2030-02-30') },
    breaks: 'CON-SLOT-PARAMS',
  },
  {
    wrong: 'an alg "none" token that carries a signature',
    variant: { token: (t) => `${t}c2ln` },
    breaks: 'CON-JWT-UNSIGNED',
  },
  {
    wrong: 'requesting_practitioner in the DSTU2 shape, without the SDS user id',
    variant: { claims: () => ({ sub: 'G13579135', requesting_practitioner: DSTU2_PRACTITIONER }) },
    breaks: 'CON-JWT-PRACTITIONER-SHAPE',
  },
  {
    wrong: 'Accept the DSTU2 media type application/json+fhir',
    variant: { headers: { Accept: 'application/json+fhir' } },
    breaks: 'CON-MEDIA-TYPE',
  },
  {
    wrong: 'Content-Type without charset',
    variant: { headers: { 'Content-Type': 'application/fhir+json' } },
    breaks: 'CON-MEDIA-TYPE',
  },
  {
    wrong: 'a structured record for an NHS number never traced on PDS',
    variant: { structuredRecordOf: 'secondPractice' },
    breaks: 'CON-PDS-FIRST',
  },
  // One clear failure, not ten "claim missing": the claim rules are not judged on a token that does not decode.
  {
    wrong: 'a token whose payload does not decode',
    variant: { token: (t) => t.replace('.', '.!') },
    breaks: 'JWT-BEARER',
  },
  { wrong: 'no Authorization header', variant: { headers: { Authorization: null } }, breaks: 'JWT-BEARER' },
];

const recordConsumer = (variant: ConsumerVariant, recordingFile?: string) =>
  recordSession((target) => runReferenceConsumer(target, variant), recordingFile);

test('the reference consumer completes the worked example and breaks no consumer rule', async () => {
  const { recording, outcome } = await recordConsumer({});
  assert.equal(outcome, undefined);
  assert.deepEqual(
    recording.requests.map((r) => `${r.service} ${r.method}`),
    ['pds GET', 'sds GET', 'sds GET', 'ssp GET', 'ssp GET', 'ssp GET', 'ssp POST'],
  );
  const judgements = judgeRecording(recording);
  assert.deepEqual(
    judgements.flatMap((j) => j.broke.map((b) => `#${j.request.seq} ${b.rule.id}: ${b.problem}`)),
    [],
  );
  const checked = new Set(judgements.flatMap((j) => j.checked.map((r) => r.id)));
  assert.deepEqual(
    // The ARS and documents rules are judged on their own consumers' journeys (consumer-ars, consumer-documents).
    CONSUMER_RULES.filter((r) => r.id.startsWith('CON-') && !/^CON-(ARS|DOC)-/.test(r.id) && !checked.has(r.id)).map(
      (r) => r.id,
    ),
    [],
    'every consumer rule judged something',
  );
});

/** What the new rules must not flag: real consumers do these, and the spec allows them. */
test('the rules tolerate what the spec allows: a traced structured record, UNK SDS ids, media-type parameters, Accept */*', async () => {
  const { recording } = await recordConsumer({
    structuredRecordOf: 'registered',
    claims: () => ({
      sub: 'U1',
      requesting_practitioner: {
        resourceType: 'Practitioner',
        id: 'U1',
        name: [{ family: 'Jones' }],
        identifier: [{ system: 'https://fhir.nhs.uk/Id/sds-user-id', value: 'UNK' }],
      },
    }),
    headers: { Accept: 'application/fhir+json; charset=UTF-8, application/fhir+xml;q=0.5' },
  });
  const judgements = judgeRecording(recording);
  // An HTTP library's default Accept states no preference, like none at all (FMT-NEGOTIATE: JSON by default).
  const anyType = await recordConsumer({ headers: { Accept: '*/*' } });
  assert.deepEqual(brokenRuleIds(judgeRecording(anyType.recording)), []);
  const structured = judgements.find((j) => j.request.url.includes('$gpc.getstructuredrecord'));
  assert.ok(structured, 'the structured record was asked for');
  assert.ok(structured.checked.some((r) => r.id === 'CON-PDS-FIRST'));
  assert.deepEqual(
    judgements.flatMap((j) => j.broke.map((b) => `#${j.request.seq} ${b.rule.id}: ${b.problem}`)),
    [],
  );
});

test(`at least 12 deliberately wrong consumers are each caught by exactly the expected rules (${WRONG_CONSUMERS.length} rows)`, async (t) => {
  assert.ok(WRONG_CONSUMERS.length >= 12);
  for (const row of WRONG_CONSUMERS) {
    const { recording } = await recordConsumer(row.variant);
    const broken = brokenRuleIds(judgeRecording(recording));
    t.diagnostic(`${row.wrong}: ${broken.join(', ')}`);
    assert.deepEqual(
      broken.sort(),
      [row.breaks, ...(row.also ?? [])].sort(),
      `${row.wrong}: broke ${broken.join(', ') || 'nothing'}`,
    );
  }
});

test('consumer --judge reports each request with the rules it broke, in the run summary shape', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gpc-consumer-'));
  const recordingFile = join(dir, RECORDING_FILE);
  await recordConsumer({ slotDays: 15 }, recordingFile);
  assert.ok(loadRecording(recordingFile).requests.length >= 4, 'the recording is saved as requests arrive');
  const reports = join(dir, 'reports');
  assert.equal(await consumer.run(['--judge', recordingFile, '--reports', reports]), 1);
  const summary = JSON.parse(readFileSync(join(reports, 'summary.json'), 'utf8'));
  for (const key of ['target', 'durationMs', 'scenarios', 'byTag', 'byHop', 'failures']) assert.ok(key in summary, key);
  assert.ok(
    summary.failures.some(
      (f: { requirement: string; hop: string }) => f.requirement === 'CON-SLOT-PARAMS' && f.hop === 'ssp',
    ),
  );
  const report = JSON.parse(readFileSync(join(reports, CONSUMER_REPORT), 'utf8'));
  const slotSearch = report.requests.find((r: { url: string }) => r.url.includes('/Slot?'));
  assert.deepEqual(
    slotSearch.broke.map((b: { rule: string }) => b.rule),
    ['CON-SLOT-PARAMS'],
  );
  assert.match(slotSearch.broke[0].problem, /15 days/);
});

test('consumer --judge on a clean recording exits 0; usage mistakes exit 2', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gpc-consumer-'));
  const recordingFile = join(dir, RECORDING_FILE);
  await recordConsumer({}, recordingFile);
  assert.equal(await consumer.run(['--judge', recordingFile, '--reports', join(dir, 'r')]), 0);
  await assert.rejects(consumer.run(['--judge', recordingFile, '--port', '0']), /takes no --port/);
  await assert.rejects(consumer.run(['--judge', join(dir, 'missing.json')]), /--judge/);
});

test('consumer --judge empties a reports folder of earlier reports, but keeps a recording judged in place', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gpc-consumer-'));
  const recordingFile = join(dir, RECORDING_FILE);
  await recordConsumer({}, recordingFile);
  const reports = join(dir, 'reports');
  mkdirSync(join(reports, 'evidence'), { recursive: true });
  writeFileSync(join(reports, 'evidence', 'stale.json'), '{}');
  writeFileSync(join(reports, 'junit.xml'), '<stale/>');
  assert.equal(await consumer.run(['--judge', recordingFile, '--reports', reports]), 0);
  assert.ok(
    !existsSync(join(reports, 'junit.xml')) && !existsSync(join(reports, 'evidence', 'stale.json')),
    'an earlier run left nothing behind',
  );
  // The recording a session left in its reports folder is judged where it lies: the folder is not emptied.
  copyFileSync(recordingFile, join(reports, RECORDING_FILE));
  assert.equal(await consumer.run(['--judge', join(reports, RECORDING_FILE), '--reports', reports]), 0);
  assert.ok(existsSync(join(reports, RECORDING_FILE)));
  // A folder with only consumer reports counts as reports; one with anything else is refused, not deleted.
  const foreign = join(dir, 'foreign');
  mkdirSync(foreign);
  writeFileSync(join(foreign, 'notes.txt'), 'mine');
  await assert.rejects(consumer.run(['--judge', recordingFile, '--reports', foreign]), /refusing to delete/);
  assert.ok(existsSync(join(foreign, 'notes.txt')));
});

/**
 * The command as a supplier runs it, in a child process: it writes a target file, the consumer under test
 * works against it, and SIGTERM ends the session with the judgement. Started through tsx directly, so the
 * test does not depend on the command table.
 */
test('consumer --port 0 --write-target serves, records and judges on SIGTERM', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gpc-consumer-'));
  const targetFile = join(dir, 'consumer-target.yaml');
  const command = resolve(__dirname, '..', '..', 'support', 'cli', 'consumer.ts');
  const args = ['--port', '0', '--write-target', targetFile, '--reports', join(dir, 'reports')];
  const script = `require('tsx/cjs'); require(${JSON.stringify(command)}).consumer.run(${JSON.stringify(args)}).then((c) => process.exit(c), (e) => { console.error(e.message); process.exit(2); });`;
  const child = spawn(process.execPath, ['-e', script], {
    cwd: resolve(__dirname, '..', '..'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.on('data', (d) => (stdout += d));
  const exited = new Promise<number | null>((done) => child.on('close', done));
  for (let i = 0; i < 200 && !existsSync(targetFile); i++) await sleep(50);
  await runReferenceConsumer(loadTargetFile(targetFile));
  child.kill('SIGTERM');
  assert.equal(await exited, 0, stdout);
  assert.match(stdout, /PASS: 7 request/);
  const report = JSON.parse(readFileSync(join(dir, 'reports', CONSUMER_REPORT), 'utf8'));
  assert.equal(report.requests.length, 7);
  const recorded = readFileSync(join(dir, 'reports', RECORDING_FILE), 'utf8');
  assert.ok(!recorded.includes('embedded-sandbox-key'), 'the SDS apikey is redacted in the recording');
});
