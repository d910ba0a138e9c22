/**
 * The Spine-edge matrix (features/spine-edge/06-edge-matrix.feature): each edge rule's probe on each interaction,
 * over that interaction's well-formed request, and the answer rules checked on each interaction's own answer.
 */
import { Then, When } from '@cucumber/cucumber';
import { probeOn } from '../../support/edge-matrix';
import type { Interaction } from '../../support/interactions';
import { expectedAnswer, isRequirementId } from '../../support/domain/catalogue';
import { EDGE_RULES } from '../../support/jwt/jwt-rules';
import { check, expectError } from '../../support/world/checks';
import { throughSsp } from '../../support/world/journey';
import { wellFormedRequest } from '../../support/world/well-formed';
import type { GpcWorld } from '../../support/world/world';
import { sendProbe } from './edge.steps';

function edgeRule(id: string) {
  const rule = EDGE_RULES.find((r) => r.id === id);
  if (!rule) throw new Error(`no edge rule ${id}; known: ${EDGE_RULES.map((r) => r.id).join(', ')}`);
  return rule;
}

When(
  'the consumer sends {interaction} broken as {word} forbids',
  async function (this: GpcWorld, i: Interaction, ruleId: string) {
    await sendProbe(this, i, probeOn(edgeRule(ruleId), i), await wellFormedRequest(this, i));
  },
);

/** The refusal the catalogue says a rule asks for: an edge rule's, or an answer rule's that refuses (FMT-415). */
function refusalOf(id: string): { status: number; code?: string } {
  if (!isRequirementId(id)) throw new Error(`no rule ${id} in the catalogue (support/domain/catalogue.ts)`);
  const { status, code } = expectedAnswer(id);
  return { status, code };
}

Then('the provider refuses it as {word} requires', function (this: GpcWorld, ruleId: string) {
  expectError(this, this.answer('provider'), { hop: 'provider', requirement: ruleId, ...refusalOf(ruleId) });
});

When('the consumer sends a well-formed {interaction}', async function (this: GpcWorld, i: Interaction) {
  await throughSsp(this, i, await wellFormedRequest(this, i));
});

/** Only the answer to the scenario's own request: the Background's answers belong to other interactions. */
Then('its answer carries Cache-Control no-store', function (this: GpcWorld) {
  const result = this.answer('provider');
  const value = result.headers['cache-control'];
  check(this, /(^|,)\s*no-store\s*(,|$)/.test(value ?? ''), {
    hop: 'provider',
    requirement: 'FMT-NO-STORE',
    evidence: result,
    expected: `Cache-Control: no-store (HTTP ${result.status})`,
    actual: value ? `Cache-Control: ${value}` : 'no Cache-Control',
  });
});
