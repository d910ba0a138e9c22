/** Step 2 in depth (WE-2e, WE-2f, WE-2i, TOP-T10, TOP-T11): SDS's own refusals, and each capability's own root. */
import { Then, When } from '@cucumber/cucumber';
import { CAPABILITY_SEGMENT, type Interaction } from '../../support/interactions';
import { ofType } from '../../support/fhir/bundle';
import { check, expectAnswer } from '../../support/world/checks';
import { depthRequirement } from '../../support/world/depth';
import { endpointRoot, lookupEndpoint, onlyEntry } from '../../support/world/journey';
import { probeSds } from '../../support/world/sds-probes';
import { expectSpineCode } from '../../support/world/spine-code-check';
import type { GpcWorld } from '../../support/world/world';

/** The interaction each scenario looked an Endpoint up for. */
const lookedUp = new WeakMap<GpcWorld, Interaction>();

When('the consumer sends SDS {}', async function (this: GpcWorld, probe: string) {
  this.remember('sds', await probeSds(this, probe));
});

Then('SDS answers {int} with a code of Spine-ErrorOrWarningCode', function (this: GpcWorld, status: number) {
  expectSpineCode(this, this.answer('sds'), { hop: 'sds', requirement: depthRequirement(this), status });
});

Then("SDS's Allow header names GET", function (this: GpcWorld) {
  const result = this.answer('sds');
  const allow = result.headers['allow'];
  // RFC 9110 §15.5.6: a 405 carries Allow, the methods the resource supports (observed: the real SDS says GET).
  check(this, !!allow && /\bGET\b/.test(allow), {
    hop: 'sds',
    requirement: depthRequirement(this),
    evidence: result,
    expected: 'an Allow header naming GET on the 405',
    actual: allow === undefined ? 'no Allow header' : `Allow: ${allow}`,
  });
});

Then('SDS answers 200 with a searchset of no Endpoint', function (this: GpcWorld) {
  const result = this.answer('sds');
  const requirement = depthRequirement(this);
  const bundle = expectAnswer(this, result, { hop: 'sds', requirement, status: 200, resourceType: 'Bundle' });
  const found = ofType(bundle, 'Endpoint');
  check(this, bundle.type === 'searchset' && found.length === 0, {
    hop: 'sds',
    requirement,
    evidence: result,
    expected: 'a searchset of no Endpoint',
    actual: `${String(bundle.type)} of ${found.length} Endpoint(s): ${found.map((e) => String(e.address)).join(', ')}`,
  });
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
  // A root that is no root at all (a trailing slash, another practice) is named as such first (WE-2b).
  endpointRoot(this, endpoint, result);
  // T11: the root ends /{ODS}/STU3/{major}/{capability segment}; another capability's root is not it.
  const ending = new RegExp(`/${this.state.ods}/STU3/\\d+/${CAPABILITY_SEGMENT[i.capability]}$`);
  check(this, ending.test(String(endpoint.address)), {
    requirement,
    evidence: result,
    expected: `a ${i.capability} root ending /${this.state.ods}/STU3/{major}/${CAPABILITY_SEGMENT[i.capability]}`,
    actual: String(endpoint.address),
  });
});
