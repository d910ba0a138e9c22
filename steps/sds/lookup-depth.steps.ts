/** Step 2 in depth (facts §5.2, §1 and T10/T11): SDS's own refusals, and each capability's own root. */
import { Then, When } from '@cucumber/cucumber';
import { CAPABILITY_SEGMENT, type Interaction } from '../../support/interactions';
import { check, expectError } from '../../support/world/checks';
import { depthRequirement } from '../../support/world/depth';
import { lookupEndpoint, onlyEntry } from '../../support/world/journey';
import { probeSds } from '../../support/world/sds-probes';
import type { GpcWorld } from '../../support/world/world';

/** The interaction each scenario looked an Endpoint up for. */
const lookedUp = new WeakMap<GpcWorld, Interaction>();

When('the consumer sends SDS {}', async function (this: GpcWorld, probe: string) {
  this.remember('sds', await probeSds(this, probe));
});

Then('SDS answers {int} with the code {word}', function (this: GpcWorld, status: number, code: string) {
  expectError(this, this.answer('sds'), { requirement: depthRequirement(this), status, code });
});

When(
  "the consumer looks up the practice's Endpoint for {interaction}",
  async function (this: GpcWorld, i: Interaction) {
    lookedUp.set(this, i);
    await lookupEndpoint(this, i);
  },
);

Then("the Endpoint's address is the root of that interaction's capability", function (this: GpcWorld) {
  const i = lookedUp.get(this);
  if (!i) throw new Error('this step needs an Endpoint looked up for an interaction first');
  const result = this.answer('sds');
  const requirement = depthRequirement(this);
  const endpoint = onlyEntry(this, result, 'Endpoint', requirement);
  // T11: the root ends /{ODS}/STU3/{major}/{capability segment}; another capability's root is not it.
  const ending = new RegExp(`/${this.state.ods}/STU3/\\d+/${CAPABILITY_SEGMENT[i.capability]}$`);
  check(this, ending.test(String(endpoint.address)), {
    requirement,
    evidence: result,
    expected: `a ${i.capability} root ending /${this.state.ods}/STU3/{major}/${CAPABILITY_SEGMENT[i.capability]}`,
    actual: String(endpoint.address),
  });
});
