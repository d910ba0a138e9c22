/**
 * The bodies the harness builds are validated like the provider's answers (support/world/profile-check.ts):
 * the migrate structured record Parameters as the get structured record ones, so a body the harness got
 * wrong fails naming config rather than passing unchecked.
 */
import { strict as assert } from 'node:assert';
import { it } from 'node:test';
import type { HttpResult } from '../../support/spine/http';
import { checkExchangeProfiles } from '../../support/world/profile-check';
import { migrateParameters } from '../../support/gpconnect/migrate-request';

function sent(interaction: string, body: unknown): HttpResult {
  return {
    exchange: {
      seq: 1,
      hop: 'provider',
      interaction,
      startedAt: new Date(0).toISOString(),
      durationMs: 0,
      request: { method: 'POST', url: 'http://127.0.0.1/', headers: {}, body: JSON.stringify(body) },
    },
    status: 204,
    headers: {},
    text: '',
  };
}

/** A Parameters whose parameter has no name (Parameters.parameter.name is 1..1 in STU3). */
const nameless = { resourceType: 'Parameters', parameter: [{ valueBoolean: true }] };

for (const interaction of ['get structured record', 'migrate structured record']) {
  it(`the harness's ${interaction} body is validated: a nameless parameter is a config finding`, () => {
    const findings = checkExchangeProfiles('provider', sent(interaction, nameless), true);
    assert.equal(findings.length, 1, JSON.stringify(findings));
    assert.equal(findings[0].hop, 'config');
    assert.equal(findings[0].direction, 'request');
  });
}

it('the migrate Parameters the harness builds are valid STU3', () => {
  const findings = checkExchangeProfiles(
    'provider',
    sent('migrate structured record', migrateParameters('9000000084', false)),
    true,
  );
  assert.deepEqual(findings, []);
});
