/**
 * Consumer mode for Access Document: the reference documents consumer passes every rule, and each wrong
 * documents consumer (a one-knob variant of it) is caught by the rule it breaks, and by those the same
 * mistake breaks as well.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judgeRecording } from '../../support/consumer/judge';
import {
  runReferenceDocumentsConsumer,
  type DocumentsConsumerVariant,
} from '../../support/consumer/reference-documents-consumer';
import { documentSearchQuery } from '../../support/gpconnect/document-query';
import { brokenRules, recordSession } from './consumer-session';

const WRONG_DOCUMENTS_CONSUMERS: {
  wrong: string;
  variant: DocumentsConsumerVariant;
  breaks: string;
  also?: string[];
}[] = [
  { wrong: 'a search without the mandatory includes', variant: { query: 'type=373942005' }, breaks: 'CON-DOC-SEARCH' },
  {
    wrong: 'created with a gt prefix',
    variant: { query: documentSearchQuery('created=gt2020-01-01') },
    breaks: 'CON-DOC-SEARCH',
  },
  {
    wrong: 'an author that is an SDS user id, not an ODS code',
    variant: { query: documentSearchQuery('author=https%3A%2F%2Ffhir.nhs.uk%2FId%2Fsds-user-id%7CG1') },
    breaks: 'CON-DOC-SEARCH',
  },
  {
    wrong: 'the appointments root used for the documents',
    variant: { lookup: 'read metadata' },
    breaks: 'CON-T11-ROOT',
    also: ['HDR-INTERACTION-MATCH'],
  },
  {
    wrong: 'requested_scope organization/*.read on the search',
    variant: { searchClaims: () => ({ requested_scope: 'organization/*.read' }) },
    breaks: 'CON-JWT-SCOPE',
  },
  {
    wrong: 'reason_for_request migration on retrieve document',
    variant: { retrieveClaims: () => ({ reason_for_request: 'migration' }) },
    breaks: 'JWT-REASON-VALUE',
  },
  { wrong: 'no Ssp-TraceID', variant: { headers: { 'Ssp-TraceID': null } }, breaks: 'HDR-TRACEID' },
];

const recordDocumentsConsumer = (variant: DocumentsConsumerVariant) =>
  recordSession((target) => runReferenceDocumentsConsumer(target, variant));

test('the reference documents consumer retrieves a Binary and breaks no consumer rule', async () => {
  const { recording, outcome } = await recordDocumentsConsumer({});
  assert.equal(outcome, undefined);
  assert.deepEqual(
    recording.requests.map((r) => `${r.service} ${r.method}`),
    ['pds GET', 'sds GET', 'sds GET', 'ssp GET', 'ssp GET', 'ssp GET', 'ssp GET'],
  );
  const judgements = judgeRecording(recording);
  assert.deepEqual(
    judgements.flatMap((j) => j.broke.map((b) => `#${j.request.seq} ${b.rule.id}: ${b.problem}`)),
    [],
  );
  assert.ok(
    judgements.some((j) => j.checked.some((r) => r.id === 'CON-DOC-SEARCH')),
    'CON-DOC-SEARCH judged',
  );
});

test(`at least 5 wrong documents consumers are each caught by exactly the expected rules (${WRONG_DOCUMENTS_CONSUMERS.length} rows)`, async (t) => {
  assert.ok(WRONG_DOCUMENTS_CONSUMERS.length >= 5);
  for (const row of WRONG_DOCUMENTS_CONSUMERS) {
    const broken = brokenRules((await recordDocumentsConsumer(row.variant)).recording);
    t.diagnostic(`${row.wrong}: ${broken.join(', ')}`);
    assert.deepEqual(broken, [row.breaks, ...(row.also ?? [])].sort(), `${row.wrong}: broke ${broken.join(', ')}`);
  }
});
