/**
 * The SSP's header, ASID and data-sharing rules on the journey's own steps (WE-4b, WE-5b, WE-6b; issue 13.5):
 * each rule's probe applied to that step's well-formed request, so only the rule under test is broken.
 */
import { Then, When } from '@cucumber/cucumber';
import type { Interaction } from '../../support/interactions';
import type { GpcRequest } from '../../support/spine/ssp-client';
import { sspRule } from '../../support/spine/ssp-rules';
import { expectError } from '../../support/world/checks';
import { throughSsp } from '../../support/world/journey';
import { wellFormedRequest } from '../../support/world/well-formed';
import type { GpcWorld } from '../../support/world/world';
import { asidOf } from './ssp-rules.steps';

When(
  'the consumer sends {interaction} through the SSP as {word} forbids',
  async function (this: GpcWorld, i: Interaction, ruleId: string) {
    const probe = sspRule(ruleId).probe;
    if (!probe) throw new Error(`${ruleId} has no probe in support/spine/ssp-rules.ts`);
    if (probe.root || probe.method || probe.practice || probe.body)
      throw new Error(`${ruleId}'s probe changes more than headers and ASIDs; it is not sent on every step`);
    const base = await wellFormedRequest(this, i);
    const req: Partial<GpcRequest> = { ...base, headers: { ...base.headers, ...probe.headers } };
    if (probe.fromAsid) req.fromAsid = asidOf(this, probe.fromAsid, this.target);
    if (probe.toAsid) req.providerAsid = asidOf(this, probe.toAsid, this.target);
    await throughSsp(this, i, { ...req, probe: true });
  },
);

Then('the SSP refuses it as {word} requires', function (this: GpcWorld, ruleId: string) {
  const rule = sspRule(ruleId);
  expectError(this, this.answer('ssp'), { requirement: rule.id, status: rule.status, code: rule.names });
});
