/** Step 3 in depth: what the CapabilityStatement of the appointments root declares (WE-3e–WE-3h); the version check serves every root. */
import { Then } from '@cucumber/cucumber';
import {
  operationsProblem,
  profilesProblem,
  slotIncludesProblem,
  versionProblem,
} from '../../support/gpconnect/capability-checks';
import type { Capability } from '../../support/interactions';
import { specVersionsOf } from '../../support/versions';
import { check, expectAnswer } from '../../support/world/checks';
import type { GpcWorld } from '../../support/world/world';

function judge(w: GpcWorld, expected: string, problemOf: (cs: Record<string, unknown>) => string | undefined) {
  const result = w.answer('provider');
  const cs = expectAnswer(w, result, { status: 200, resourceType: 'CapabilityStatement' });
  const problem = problemOf(cs);
  check(w, !problem, { evidence: result, expected, actual: problem ?? '' });
}

// One step for the three roots: each capability's CapabilityStatement declares the version its target declares.
Then(
  /^the CapabilityStatement declares the (appointments|structured|documents) version the target declares$/,
  function (this: GpcWorld, capability: Capability) {
    const assured = specVersionsOf(this.target.specVersions)[capability];
    judge(this, `version equal to the ${capability} version ${assured} the target declares`, (cs) =>
      versionProblem(cs, capability, assured),
    );
  },
);

Then('the CapabilityStatement declares the operations of the appointments root', function (this: GpcWorld) {
  judge(this, 'each operation served, with its GP Connect OperationDefinition', (cs) =>
    operationsProblem(cs, 'appointments'),
  );
});

Then('the CapabilityStatement lists each profile of the appointments root once', function (this: GpcWorld) {
  judge(this, 'profile[] listing each profile of the root exactly once', (cs) => profilesProblem(cs, 'appointments'));
});

Then("the CapabilityStatement's Slot resource declares the slot search includes", function (this: GpcWorld) {
  judge(this, 'Slot.searchInclude with the four includes of the slot search', slotIncludesProblem);
});
