/**
 * The Spine-edge meta-test: every edge rule is provably enforced. Each rule's probe breaks that rule and
 * no other (checked on the table itself); each `provider-lenient-<rule>` fault makes the provider skip
 * one rule, and the spine-edge scenarios tagged with that rule must then fail, naming hop provider and the
 * rule. Each `provider-strict-*` fault refuses one request a provider must tolerate, and the tolerance
 * scenarios of that rule must fail the same way. Each `ssp-lenient-<rule>` fault, generated from SSP_RULES,
 * makes the embedded SSP relax one of its own rules, and that rule's scenarios must fail naming hop ssp.
 * A rule with no scenario, or no lenient fault, is a defect.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildGpcClaims, encodeUnsignedJwt } from '../../support/jwt/gpc-jwt';
import {
  ANSWER_RULES,
  EDGE_RULES,
  firstBreach,
  probeClaims,
  type Probe,
  type RequestFacts,
} from '../../support/jwt/jwt-rules';
import { interaction } from '../../support/interactions';
import {
  LENIENT_FAULT_MODES,
  OVER_STRICT_FAULT_MODES,
  SSP_LENIENT_FAULT_MODES,
  type FaultMode,
} from '../../support/simulators/faults';
import { SSP_RULES } from '../../support/spine/ssp-rules';
import { metaWorkDir, ROOT, runWithFault, RUNS_AT_ONCE, type FaultRun } from './fault-runner';

const FEATURES = 'features/spine-edge';
const work = metaWorkDir('lenient');

const RULE_IDS = [...EDGE_RULES, ...ANSWER_RULES].map((r) => r.id);

describe('each edge rule has a probe that breaks it and no other rule', () => {
  const metadata = interaction('read metadata');
  const root = 'https://provider.example/T99999/STU3/1/gpconnect';
  const providerAsid = '999999999999';
  const consumer = {
    asid: '200000000115',
    odsCode: 'C88001',
    organizationName: 'Consumer',
    systemUrl: 'https://consumer.example/',
    telecom: '0300',
    practitioner: { id: '10019', family: 'Doe', given: ['Jo'], sdsUserId: 'UNK', sdsRoleProfileId: 'UNK' },
    device: { system: 'https://consumer.example/Id/device', value: 'd1', model: 'm', version: '1' },
  };

  /** The facts the provider sees for the well-formed `read metadata` request with one rule's probe applied. */
  function probedFacts(probe: Probe): RequestFacts {
    const now = Math.floor(Date.now() / 1000);
    const claims = probeClaims(buildGpcClaims({ consumer, interaction: metadata, audience: root, now }), probe, now);
    const token = encodeUnsignedJwt(claims);
    const headers: Record<string, string | null | undefined> = {
      'Ssp-TraceID': 'trace',
      'Ssp-From': consumer.asid,
      'Ssp-To': providerAsid,
      'Ssp-InteractionID': metadata.interactionId,
      Authorization: `Bearer ${probe.encodedJwtHeader ? token.replace(/^[^.]*/, probe.encodedJwtHeader) : token}`,
      ...probe.headers,
    };
    const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v ?? undefined]));
    const sent = lower['ssp-interactionid'];
    return {
      headers: lower,
      interaction: sent === metadata.interactionId ? metadata : undefined,
      candidates: [metadata],
      providerAsid,
      serviceRoot: root,
      nowSeconds: now,
    };
  }

  for (const rule of EDGE_RULES) {
    it(`${rule.id}: ${rule.probe?.wrong ?? 'no probe'}`, () => {
      assert.ok(rule.probe, `${rule.id} has no probe, so nothing shows a provider enforces it`);
      const facts = probedFacts(rule.probe);
      const breach = firstBreach(facts);
      assert.equal(
        breach?.rule.id,
        rule.id,
        `the probe breaks ${breach?.rule.id ?? 'nothing'} first: ${breach?.problem ?? ''}`,
      );
      const withoutRule = firstBreach(
        facts,
        EDGE_RULES.filter((r) => r !== rule),
      );
      assert.equal(
        withoutRule,
        undefined,
        `with ${rule.id} skipped the probe still breaks ${withoutRule?.rule.id}: ${withoutRule?.problem}`,
      );
    });
  }
});

/** One run of the spine-edge scenarios of one rule, with one fault on; exit code 1 is expected. */
function runRule(faultId: string, ruleId: string): Promise<FaultRun> {
  return runWithFault(faultId, `@${ruleId}`, FEATURES, join(work, faultId));
}

/** The label the World writes for a hop ("[provider] JWT-…", "[SSP] SSP-…"). */
const LABEL: Record<string, string> = { provider: '[provider]', ssp: '[SSP]' };

/** Asserts one fault's run failed some scenario of the rule it bends, naming the fault's hop and the rule. */
async function provesCaught(fault: FaultMode): Promise<FaultRun> {
  const [ruleId] = fault.breaks;
  const run = await runRule(fault.id, ruleId);
  const tail = run.output.split('\n').slice(-15).join('\n');
  assert.ok(run.summary, `no summary.json (exit ${run.code}):\n${tail}`);
  assert.equal(run.code, 1, `exit code with ${fault.id} on:\n${tail}`);
  const tagged = run.summary.results.filter((r) => r.tags.includes(`@${ruleId}`));
  assert.ok(tagged.length > 0, `no scenario tagged @${ruleId} ran`);
  // A harness crash proves nothing about the rule; the World's message starts with the hop's label.
  const proving = tagged.filter(
    (r) =>
      r.failure?.hop === fault.hop &&
      r.failure.requirement === ruleId &&
      r.failure.kind !== 'harness' &&
      r.failure.message.startsWith(LABEL[fault.hop]),
  );
  assert.ok(
    proving.length > 0,
    `${fault.id}: no @${ruleId} scenario failed naming ${fault.hop} and ${ruleId}; got ${JSON.stringify(tagged.map((r) => ({ scenario: r.scenario, status: r.status, failure: r.failure })))}`,
  );
  return run;
}

describe(
  'every lenient or over-strict provider is caught by the scenarios of the rule it bends',
  { concurrency: RUNS_AT_ONCE },
  () => {
    for (const fault of [...LENIENT_FAULT_MODES, ...OVER_STRICT_FAULT_MODES] as readonly FaultMode[]) {
      it(`${fault.id} fails @${fault.breaks[0]} at the provider`, { timeout: 60_000 }, async () => {
        await provesCaught(fault);
      });
    }
  },
);

describe('every lenient SSP is caught by the scenarios of the rule it relaxes', { concurrency: RUNS_AT_ONCE }, () => {
  let caught = 0;
  let started = 0;
  before(() => (started = Date.now()));
  after(() =>
    console.log(
      `SSP lenient faults: ${caught}/${SSP_LENIENT_FAULT_MODES.length} caught naming hop ssp in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    ),
  );
  for (const fault of SSP_LENIENT_FAULT_MODES) {
    it(`${fault.id} fails @${fault.breaks[0]} at the SSP`, { timeout: 60_000 }, async () => {
      const run = await provesCaught(fault);
      caught++;
      console.log(`${fault.id.padEnd(28)} ${String(run.ms).padStart(6)} ms`);
    });
  }
});

describe('every edge rule is covered', () => {
  const featureText = readdirSync(join(ROOT, FEATURES))
    .filter((f) => f.endsWith('.feature'))
    .map((f) => readFileSync(join(ROOT, FEATURES, f), 'utf8'))
    .join('\n');

  it('each rule of EDGE_RULES and ANSWER_RULES tags at least one spine-edge scenario', () => {
    const untested = RULE_IDS.filter((id) => !new RegExp(`@${id}(\\s|$)`, 'm').test(featureText));
    assert.deepEqual(untested, [], `no scenario is tagged with: ${untested.join(', ')}`);
  });

  it('each SSP rule has a probe and tags a spine-edge scenario', () => {
    const sspIds = SSP_RULES.map((r) => r.id);
    assert.deepEqual(
      SSP_RULES.filter((r) => !r.probe).map((r) => r.id),
      [],
      'SSP rules with no probe',
    );
    assert.deepEqual(
      sspIds.filter((id) => !new RegExp(`@${id}(\\s|$)`, 'm').test(featureText)),
      [],
      'SSP rules no scenario is tagged with',
    );
  });
});
