import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hasSecurityLabel } from '../../support/fhir/bundle';
import { SYS } from '../../support/spine/systems';

// Real PDS writes a coding's keys as code, display, system; the old stringified match missed that order.
test('a restricted label in real PDS key order is found', () => {
  const patient = { meta: { security: [{ code: 'R', display: 'restricted', system: SYS.confidentiality }] } };
  assert.equal(hasSecurityLabel(patient, SYS.confidentiality, 'R'), true);
});

test('an unrestricted label, another system, or no meta is not restricted', () => {
  assert.equal(
    hasSecurityLabel({ meta: { security: [{ code: 'U', system: SYS.confidentiality }] } }, SYS.confidentiality, 'R'),
    false,
  );
  assert.equal(
    hasSecurityLabel({ meta: { security: [{ code: 'R', system: 'http://example.org' }] } }, SYS.confidentiality, 'R'),
    false,
  );
  assert.equal(hasSecurityLabel({}, SYS.confidentiality, 'R'), false);
});
