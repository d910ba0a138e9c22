/** Through the Spine Secure Proxy (WE-3*, SSP-*): well-formed requests, and the SSP's own refusals. */
import { When } from '@cucumber/cucumber';
import type { Interaction } from '../../support/interactions';
import { fail } from '../../support/world/checks';
import { throughSsp } from '../../support/world/journey';
import type { GpcWorld } from '../../support/world/world';
import { need } from '../../support/world/stages';

When('the consumer sends {interaction} through the SSP', async function (this: GpcWorld, i: Interaction) {
  await throughSsp(this, i);
});

When(
  'the consumer sends {interaction} through the SSP to the root with a trailing slash',
  async function (this: GpcWorld, i: Interaction) {
    // One character away from the SDS root: the SSP must refuse it (SSP-URL, WE-3c).
    await throughSsp(this, i, { root: `${need(this, 'endpoint').endpoint.root}/` });
  },
);

When(
  'a consumer organisation with no data-sharing agreement sends {interaction} through the SSP',
  async function (this: GpcWorld, i: Interaction) {
    const asid = this.target.testData.unagreedConsumerAsid;
    if (!asid)
      fail(this, {
        hop: 'config',
        expected: 'testData.unagreedConsumerAsid in the target file',
        actual: 'not set',
        kind: 'config',
      });
    await throughSsp(this, i, { fromAsid: asid });
  },
);
