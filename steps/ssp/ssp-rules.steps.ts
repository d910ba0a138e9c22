/** The SSP's own refusals (support/spine/ssp-rules.ts): each rule's probe, sent through the SSP. */
import { Then, When } from '@cucumber/cucumber';
import type { Target } from '../../support/config/target';
import { interaction, type Interaction } from '../../support/interactions';
import type { GpcRequest } from '../../support/spine/ssp-client';
import {
  ROOT_VARIANTS,
  rewriteRoot,
  sspRule,
  type Party,
  type ProbePractice,
  type RootVariant,
} from '../../support/spine/ssp-rules';
import { expectError, fail } from '../../support/world/checks';
import { resolveEndpointAndAsid, throughSsp } from '../../support/world/journey';
import type { GpcWorld } from '../../support/world/world';
import { need } from '../../support/world/stages';

/** An ASID no Spine registry holds: twelve digits, all zero. */
const UNREGISTERED_ASID = '000000000000';

export function asidOf(w: GpcWorld, party: Party, target: Target): string {
  if (party === 'unknown') return UNREGISTERED_ASID;
  if (party === 'the consumer itself') return target.consumer.asid;
  return (
    target.testData.unagreedConsumerAsid ??
    fail(w, {
      hop: 'config',
      expected: 'testData.unagreedConsumerAsid in the target file',
      actual: 'not set',
      kind: 'config',
    })
  );
}

/** The test-data key naming each probe practice: a target that cannot stage one leaves it out. */
const PRACTICE_KEY = { unreachable: 'unreachablePracticeOds', slow: 'slowPracticeOds' } as const satisfies Record<
  ProbePractice,
  keyof Target['testData']
>;

/** Resolves the probe's practice on SDS (Endpoint, then Device) in place of the registered patient's. */
async function resolveProbePractice(w: GpcWorld, practice: ProbePractice): Promise<void> {
  const key = PRACTICE_KEY[practice];
  w.state.ods =
    w.target.testData[key] ??
    fail(w, { hop: 'config', expected: `testData.${key} in the target file`, actual: 'not set', kind: 'config' });
  await resolveEndpointAndAsid(w);
}

When(
  'the consumer sends the request {word} forbids: {string}',
  async function (this: GpcWorld, ruleId: string, wrong: string) {
    const probe = sspRule(ruleId).probe;
    if (!probe) throw new Error(`${ruleId} has no probe in support/spine/ssp-rules.ts`);
    // The feature says in words what the table sends: they must not drift apart.
    if (probe.wrong !== wrong) throw new Error(`the feature says "${wrong}" but ${ruleId}'s probe is "${probe.wrong}"`);
    if (probe.practice) await resolveProbePractice(this, probe.practice);
    const base = interaction(probe.interaction);
    // The interaction table knows only the methods GP Connect uses; a probe may use another on the same path.
    const sent = probe.method ? ({ ...base, method: probe.method } as unknown as Interaction) : base;
    const req: Partial<GpcRequest> = { headers: probe.headers, body: probe.body };
    if (probe.fromAsid) req.fromAsid = asidOf(this, probe.fromAsid, this.target);
    if (probe.toAsid) req.providerAsid = asidOf(this, probe.toAsid, this.target);
    if (probe.root) req.root = await rewriteRoot(need(this, 'endpoint').endpoint.root, probe.root);
    await throughSsp(this, sent, { ...req, probe: true });
  },
);

When(
  'the consumer sends {interaction} through the SSP to the SDS root written with {string}',
  async function (this: GpcWorld, i: Interaction, variant: string) {
    if (!(ROOT_VARIANTS as readonly string[]).includes(variant))
      throw new Error(`unknown root variant "${variant}"; known: ${ROOT_VARIANTS.join(', ')}`);
    await throughSsp(this, i, {
      root: await rewriteRoot(need(this, 'endpoint').endpoint.root, variant as RootVariant),
    });
  },
);

Then('the SSP refuses it with {int} naming {string}', function (this: GpcWorld, status: number, names: string) {
  const rule = sspRule(this.requirement);
  // The feature states the refusal in words; the catalogue is its one home, so the two must agree.
  if (rule.status !== status || rule.names !== names)
    throw new Error(
      `the feature expects ${status} "${names}" but ${rule.id} expects ${rule.status} "${rule.names}" (support/domain/behaviours/ssp.ts)`,
    );
  expectError(this, this.answer('ssp'), { requirement: rule.id, status, code: names });
});
