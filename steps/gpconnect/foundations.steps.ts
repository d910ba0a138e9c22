/** Foundations reads (AM-FND-READ, AM-FND-NOTFOUND): the resources the journey met, read by id, and ids nobody has. */
import { Then, When } from '@cucumber/cucumber';
import { ofType } from '../../support/fhir/bundle';
import { interaction, type Interaction } from '../../support/interactions';
import { check, expectAnswer } from '../../support/world/checks';
import { depthRequirement } from '../../support/world/depth';
import { throughSsp } from '../../support/world/journey';
import type { GpcWorld } from '../../support/world/world';
import { need } from '../../support/world/stages';

/** The id of a resource of the type the journey met: the found Patient, or one included with the slots. */
function journeyId(w: GpcWorld, type: string): string {
  if (type === 'Patient') return need(w, 'providerPatientId').providerPatientId;
  const found = ofType(need(w, 'slotSearch').slotSearch.bundle, type)[0];
  if (!found?.id) throw new Error(`the slot search included no ${type}`);
  return found.id;
}

/** A read with a mismatched Ssp-InteractionID is a probe: judged on its refusal, whatever the statement says. */
async function read(w: GpcWorld, type: string, id: string, headers: Record<string, string> = {}) {
  const probe = 'Ssp-InteractionID' in headers;
  await throughSsp(w, interaction(`read ${type.toLowerCase()}`), { id, headers, probe });
}

When('the consumer reads the {word} the journey met', async function (this: GpcWorld, type: string) {
  await read(this, type, journeyId(this, type));
});

When(
  'the consumer reads the {word} the journey met with the Ssp-InteractionID of {interaction}',
  async function (this: GpcWorld, type: string, other: Interaction) {
    await read(this, type, journeyId(this, type), { 'Ssp-InteractionID': other.interactionId });
  },
);

When('the consumer reads the {word} with id {string}', async function (this: GpcWorld, type: string, id: string) {
  await read(this, type, id);
});

Then('the provider answers the {word} with a weak ETag of its versionId', function (this: GpcWorld, type: string) {
  const result = this.answer('provider');
  const requirement = depthRequirement(this);
  const resource = expectAnswer(this, result, { requirement, status: 200, resourceType: type });
  const versionId = (resource.meta as { versionId?: string } | undefined)?.versionId;
  check(this, !!versionId && result.headers['etag'] === `W/"${versionId}"`, {
    requirement,
    evidence: result,
    expected: `ETag W/"${versionId}"`,
    actual: `ETag ${result.headers['etag'] ?? '(none)'}`,
  });
});
