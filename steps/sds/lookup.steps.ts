/** Step 2, the two-step SDS lookup (WE-2a … WE-2d, TOP-T13). */
import { Given, Then, When } from '@cucumber/cucumber';
import type { Interaction } from '../../support/interactions';
import { ofType } from '../../support/fhir/bundle';
import { expectAnswer } from '../../support/world/checks';
import {
  choosePatient,
  deviceAsid,
  endpointDetails,
  endpointPartyKey,
  endpointRoot,
  lookupDevice,
  lookupEndpoint,
  lookupInteraction,
  onlyEntry,
  resolveEndpointAndAsid,
  resolvePractice,
} from '../../support/world/journey';
import { deviceAnswersQuery, endpointAnswersQuery } from '../../support/world/sds-answers';
import type { GpcWorld } from '../../support/world/world';
import { need } from '../../support/world/stages';

When('the consumer looks up the Endpoint on SDS for {interaction}', async function (this: GpcWorld, i: Interaction) {
  await lookupEndpoint(this, i);
});

Given(
  'the consumer has looked up the Endpoint on SDS for {interaction}',
  async function (this: GpcWorld, i: Interaction) {
    const result = await lookupEndpoint(this, i);
    const endpoint = onlyEntry(this, result, 'Endpoint', 'WE-2a');
    this.state.endpoint = { ...endpointDetails(this, endpoint, result), ods: need(this, 'ods').ods };
    endpointAnswersQuery(this, endpoint, result);
  },
);

When('the consumer looks up the Device on SDS by ODS code, interaction and party key', async function (this: GpcWorld) {
  await lookupDevice(this, lookupInteraction(this));
});

When("the consumer looks up the practice's GP Connect endpoint and ASID on SDS", async function (this: GpcWorld) {
  await resolveEndpointAndAsid(this);
});

Given("{patient}'s practice has been resolved on PDS and SDS", async function (this: GpcWorld, role: string) {
  choosePatient(this, role);
  await resolvePractice(this);
});

/** The first Endpoint (or Device) of the latest SDS answer; cardinality is its own requirement (WE-2a). */
function firstOf(w: GpcWorld, type: string) {
  const result = w.answer('sds');
  const bundle = expectAnswer(w, result, { status: 200, resourceType: 'Bundle' });
  const found = ofType(bundle, type);
  if (!found.length) expectAnswer(w, result, { hop: 'sds', status: 200, resourceType: type });
  return { result, resource: found[0] };
}

Then('the Endpoint address is a service root URL for the practice', function (this: GpcWorld) {
  const { result, resource } = firstOf(this, 'Endpoint');
  endpointRoot(this, resource, result);
});

Then('the Endpoint carries a party key', function (this: GpcWorld) {
  const { result, resource } = firstOf(this, 'Endpoint');
  endpointPartyKey(this, resource, result);
});

Then('the Device carries a 12-digit ASID', function (this: GpcWorld) {
  const { result, resource } = firstOf(this, 'Device');
  deviceAsid(this, resource, result);
});

Then(
  "the Endpoint is the practice's, for the interaction asked for, with the practice's party key",
  function (this: GpcWorld) {
    const result = this.answer('sds');
    endpointAnswersQuery(this, onlyEntry(this, result, 'Endpoint', 'WE-2g'), result);
  },
);

Then(
  "the Device is the practice's, for the interaction asked for, with the Endpoint's party key",
  function (this: GpcWorld) {
    const result = this.answer('sds');
    deviceAnswersQuery(this, onlyEntry(this, result, 'Device', 'WE-2h'), result);
  },
);
