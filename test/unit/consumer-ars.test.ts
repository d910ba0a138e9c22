/**
 * Consumer mode for Access Record Structured: the reference ARS consumer passes every rule, and each wrong
 * ARS consumer (a one-knob variant of it) is caught by the rule it breaks, and by those the same mistake
 * breaks as well.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judgeRecording } from '../../support/consumer/judge';
import { runReferenceArsConsumer, type ArsConsumerVariant } from '../../support/consumer/reference-ars-consumer';
import { brokenRules, recordSession } from './consumer-session';

const WRONG_ARS_CONSUMERS: { wrong: string; variant: ArsConsumerVariant; breaks: string; also?: string[] }[] = [
  {
    wrong: 'includeAllergies without includeResolvedAllergies',
    variant: { areas: [{ area: 'allergies' }] },
    breaks: 'CON-ARS-PARAMETERS',
  },
  {
    wrong: 'a medicationSearchFromDate in the future',
    variant: { areas: [{ area: 'medication', parts: { medicationSearchFromDate: '2999-01-01' } }] },
    breaks: 'CON-ARS-PARAMETERS',
  },
  {
    wrong: 'a referral search period ending before it starts',
    variant: {
      areas: [{ area: 'referrals', parts: { referralSearchPeriod: { start: '2021-01-01', end: '2020-01-01' } } }],
    },
    breaks: 'CON-ARS-PARAMETERS',
  },
  {
    wrong: 'a parameter the operation does not have',
    variant: {
      body: (b) => ({ ...b, parameter: [...b.parameter, { name: 'includeEverything', valueBoolean: true }] }),
    },
    breaks: 'CON-ARS-PARAMETERS',
  },
  {
    wrong: 'a medication filter sent with includeProblems',
    variant: {
      areas: [{ area: 'problems' }, { area: 'medication', parts: { medicationSearchFromDate: '2020-01-01' } }],
    },
    breaks: 'CON-ARS-PARAMETERS',
  },
  {
    wrong: 'consultationSearchPeriod sent with includeNumberOfMostRecent',
    variant: {
      areas: [
        {
          area: 'consultations',
          parts: { consultationSearchPeriod: { start: '2020-01-01' }, includeNumberOfMostRecent: 2 },
        },
      ],
    },
    breaks: 'CON-ARS-PARAMETERS',
  },
  {
    wrong: 'includeNumberOfMostRecent 0',
    variant: { areas: [{ area: 'consultations', parts: { includeNumberOfMostRecent: 0 } }] },
    breaks: 'CON-ARS-PARAMETERS',
  },
  {
    wrong: 'a diaryEntriesSearchDate in the past',
    variant: { areas: [{ area: 'diary', parts: { diaryEntriesSearchDate: '2001-01-01' } }] },
    breaks: 'CON-ARS-PARAMETERS',
  },
  {
    wrong: 'a filterStatus the operation does not know',
    variant: { areas: [{ area: 'problems', parts: { filterStatus: 'resolved' } }] },
    breaks: 'CON-ARS-PARAMETERS',
  },
  {
    wrong: 'the appointments root used for the structured record',
    variant: { lookup: 'read metadata' },
    breaks: 'CON-T11-ROOT',
    also: ['HDR-INTERACTION-MATCH'],
  },
  {
    wrong: 'requested_scope organization/*.read on the record',
    variant: { claims: () => ({ requested_scope: 'organization/*.read' }) },
    breaks: 'CON-JWT-SCOPE',
  },
  {
    wrong: 'reason_for_request migration on get structured record',
    variant: { claims: () => ({ reason_for_request: 'migration' }) },
    breaks: 'JWT-REASON-VALUE',
  },
  {
    wrong: 'aud the obsolete token endpoint',
    variant: { claims: () => ({ aud: 'https://authorize.fhir.nhs.net/token' }) },
    breaks: 'CON-JWT-AUD',
  },
  { wrong: 'no Ssp-TraceID', variant: { headers: { 'Ssp-TraceID': null } }, breaks: 'HDR-TRACEID' },
];

const recordArsConsumer = (variant: ArsConsumerVariant) =>
  recordSession((target) => runReferenceArsConsumer(target, variant));

test('the reference ARS consumer gets the structured record and breaks no consumer rule', async () => {
  const { recording, outcome } = await recordArsConsumer({});
  assert.equal(outcome, undefined);
  assert.deepEqual(
    recording.requests.map((r) => `${r.service} ${r.method}`),
    ['pds GET', 'sds GET', 'sds GET', 'ssp GET', 'ssp POST'],
  );
  const judgements = judgeRecording(recording);
  assert.deepEqual(
    judgements.flatMap((j) => j.broke.map((b) => `#${j.request.seq} ${b.rule.id}: ${b.problem}`)),
    [],
  );
  assert.ok(
    judgements.some((j) => j.checked.some((r) => r.id === 'CON-ARS-PARAMETERS')),
    'CON-ARS-PARAMETERS judged',
  );
});

test(`at least 8 wrong ARS consumers are each caught by exactly the expected rules (${WRONG_ARS_CONSUMERS.length} rows)`, async (t) => {
  assert.ok(WRONG_ARS_CONSUMERS.length >= 8);
  for (const row of WRONG_ARS_CONSUMERS) {
    const broken = brokenRules((await recordArsConsumer(row.variant)).recording);
    t.diagnostic(`${row.wrong}: ${broken.join(', ')}`);
    assert.deepEqual(broken, [row.breaks, ...(row.also ?? [])].sort(), `${row.wrong}: broke ${broken.join(', ')}`);
  }
});
