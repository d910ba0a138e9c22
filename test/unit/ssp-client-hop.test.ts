import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { HttpResult } from '../../support/spine/http';
import { hopOfSspAnswer, SSP_ERROR } from '../../support/spine/ssp-client';
import { SSP_RULES } from '../../support/spine/ssp-rules';

const answer = (status: number, text: string): HttpResult => ({
  exchange: {} as HttpResult['exchange'],
  status,
  headers: {},
  text,
});
const spineOutcome = (code: string) =>
  JSON.stringify({
    resourceType: 'OperationOutcome',
    issue: [{ severity: 'error', code: 'invalid', details: { coding: [{ code }] }, diagnostics: code }],
  });

// Every Spine refusal a rule names is the SSP's, including those the old hand-copied regex missed.
for (const rule of SSP_RULES) {
  test(`${rule.id}: an answer naming ${rule.names} is the SSP's`, () => {
    assert.ok(SSP_ERROR.test(rule.names));
    assert.equal(hopOfSspAnswer(answer(rule.status, spineOutcome(rule.names))), 'ssp');
  });
}

test("MISSING_HEADER and TIMEOUT_WAITING_FOR_ENDPOINT_URL are the SSP's", () => {
  assert.equal(hopOfSspAnswer(answer(400, spineOutcome('MISSING_HEADER'))), 'ssp');
  assert.equal(hopOfSspAnswer(answer(400, spineOutcome('TIMEOUT_WAITING_FOR_ENDPOINT_URL'))), 'ssp');
});

test("an SSP_ code no rule names is still the SSP's", () => {
  assert.equal(hopOfSspAnswer(answer(400, spineOutcome('SSP_SOMETHING_NEW'))), 'ssp');
});

test("a provider refusal in the GP Connect profile is the provider's", () => {
  const text = JSON.stringify({
    resourceType: 'OperationOutcome',
    meta: { profile: ['https://fhir.nhs.uk/STU3/StructureDefinition/GPConnect-OperationOutcome-1'] },
    issue: [{ details: { coding: [{ code: 'BAD_REQUEST' }] } }],
  });
  assert.equal(hopOfSspAnswer(answer(400, text)), 'provider');
});

test('regex metacharacters in a name match only literally', () => {
  assert.equal(SSP_ERROR.test('Method Not Allowed'), true);
  assert.equal(SSP_ERROR.test('MethodXNotXAllowed'), false);
});
