/**
 * The Spine edge in provider mode (HDR-*, JWT-*, FMT-ERROR-OUTCOME): deliberately wrong requests, each built as a
 * Probe over the well-formed request, and the refusal the rule table says a conformant provider gives.
 * Checks name the scenario's rule (its rule-ID tag), so a lenient provider is blamed on the rule it skipped.
 */
import { Then, When, type DataTable } from '@cucumber/cucumber';
import type { Exchange } from '../../support/evidence/types';
import { buildGpcClaims, encodeUnsignedJwt, type Claims } from '../../support/jwt/gpc-jwt';
import {
  ANSWER_RULES,
  EDGE_RULES,
  probeClaims,
  STANDARD_BASE64_JWT_HEADER,
  type Probe,
} from '../../support/jwt/jwt-rules';
import type { Interaction } from '../../support/interactions';
import type { Hop } from '../../support/domain/hop';
import { parseJson, type HttpResult } from '../../support/spine/http';
import { hopOfSspAnswer, sendGpc, type GpcRequest } from '../../support/spine/ssp-client';
import { SSP_RULES } from '../../support/spine/ssp-rules';
import { SYS } from '../../support/spine/systems';
import { expectAnswer, expectError, fail } from '../../support/world/checks';
import { throughSsp } from '../../support/world/journey';
import type { GpcWorld } from '../../support/world/world';
import { need } from '../../support/world/stages';

const RULE_IDS = new Set([...EDGE_RULES, ...ANSWER_RULES, ...SSP_RULES].map((r) => r.id));

/** The rule the scenario is about: its first rule-ID tag (catalogued or not yet). */
export function scenarioRule(w: GpcWorld): string {
  return w.scenario.tags.map((t) => t.slice(1)).find((t) => RULE_IDS.has(t)) ?? w.requirement;
}

/** What sendGpc needs to turn the claims it builds into `wanted`: changed values, and removals as undefined. */
function claimOverrides(built: Claims, wanted: Claims): Claims {
  const out: Claims = { ...wanted };
  for (const k of Object.keys(built)) if (!(k in wanted)) out[k] = undefined;
  return out;
}

/**
 * The request sent to the provider's service root itself, not through the SSP: the SSP refuses a request
 * without its routing headers before the provider sees it (SSP-HEADERS), so this is the only way to see the
 * provider's own check — as NHS's provider suite does with its Spine proxy switched off. It reuses sendGpc
 * with the provider's origin in place of the SSP: `{origin}/{root path}` is the root itself.
 */
export async function straightToProvider(w: GpcWorld, i: Interaction, req: Partial<GpcRequest>): Promise<HttpResult> {
  const { endpoint, providerAsid } = w.state;
  if (!endpoint || !providerAsid) throw new Error('the practice has not been resolved on SDS yet');
  const origin = new URL(endpoint.root).origin;
  const target = { ...w.target, ssp: { ...w.target.ssp, baseUrl: origin } };
  const claims = { aud: endpoint.root, ...req.claims };
  const result = await sendGpc(w.evidence, target, {
    interaction: i,
    root: endpoint.root.slice(origin.length + 1),
    providerAsid,
    ...req,
    claims,
  });
  return w.remember('provider', result);
}

/** Sends `i` wrong in exactly the way the probe says. */
export async function sendProbe(
  w: GpcWorld,
  i: Interaction,
  probe: Omit<Probe, 'wrong'>,
  base: Partial<GpcRequest> = {},
): Promise<HttpResult> {
  const built = buildGpcClaims({
    consumer: w.target.consumer,
    interaction: i,
    audience: need(w, 'endpoint').endpoint.root,
  });
  const claims = probeClaims(built, probe, Math.floor(Date.now() / 1000));
  const headers = { ...base.headers, ...probe.headers };
  if (probe.encodedJwtHeader)
    headers.Authorization = `Bearer ${encodeUnsignedJwt(claims).replace(/^[^.]*/, probe.encodedJwtHeader)}`;
  const query = [base.query, probe.query].filter(Boolean).join('&') || undefined;
  const req: Partial<GpcRequest> = { ...base, claims: claimOverrides(built, claims), headers, query };
  return probe.straightToProvider ? straightToProvider(w, i, req) : throughSsp(w, i, { ...req, probe: true });
}

When(
  'the consumer sends {interaction} with the JWT claim {word} removed',
  async function (this: GpcWorld, i: Interaction, claim: string) {
    await sendProbe(this, i, { claims: { [claim]: undefined } });
  },
);

When(
  'the consumer sends {interaction} with the JWT claim {word} set to {string}',
  async function (this: GpcWorld, i: Interaction, claim: string, value: string) {
    await sendProbe(this, i, { claims: { [claim]: value } });
  },
);

When(
  'the consumer sends {interaction} with a JWT issued {int} s from now that expires {int} s after issue',
  async function (this: GpcWorld, i: Interaction, iatFromNow: number, lifetime: number) {
    await sendProbe(this, i, { timing: { iatFromNow, lifetime } });
  },
);

When(
  'the consumer sends {interaction} with a JWT whose header is padded base64, not base64url',
  async function (this: GpcWorld, i: Interaction) {
    await sendProbe(this, i, { encodedJwtHeader: STANDARD_BASE64_JWT_HEADER });
  },
);

When(
  'the consumer sends {interaction} with {word} of resourceType {word}',
  async function (this: GpcWorld, i: Interaction, claim: string, resourceType: string) {
    await sendProbe(this, i, { claims: { [claim]: { resourceType } } });
  },
);

When(
  'the consumer sends {interaction} with {word} as a JSON string, not a resource',
  async function (this: GpcWorld, i: Interaction, claim: string) {
    await sendProbe(this, i, { claims: { [claim]: `${claim}-as-text` } });
  },
);

/** Rows of | system | value |, `system` a name from SYS (sdsUserId…) or a URL. */
When(
  "the consumer sends {interaction} with the practitioner's identifiers:",
  async function (this: GpcWorld, i: Interaction, table: DataTable) {
    const identifier = table
      .hashes()
      .map(({ system, value }) => ({ system: SYS[system as keyof typeof SYS] ?? system, value }));
    await sendProbe(this, i, { claims: { requesting_practitioner: { identifier } } });
  },
);

When(
  "the consumer sends {interaction} with the organisation's ODS code under the system {string}",
  async function (this: GpcWorld, i: Interaction, system: string) {
    await sendProbe(this, i, {
      claims: { requesting_organization: { identifier: [{ system, value: this.target.consumer.odsCode }] } },
    });
  },
);

When(
  'the consumer sends {interaction} straight to the provider without the {word} header',
  async function (this: GpcWorld, i: Interaction, name: string) {
    await sendProbe(this, i, { headers: { [name]: null }, straightToProvider: true });
  },
);

When(
  'the consumer sends {interaction} straight to the provider with Ssp-To {string}',
  async function (this: GpcWorld, i: Interaction, asid: string) {
    await sendProbe(this, i, { headers: { 'Ssp-To': asid }, straightToProvider: true });
  },
);

When(
  'the consumer sends {interaction} through the SSP with the Ssp-InteractionID of {interaction}',
  async function (this: GpcWorld, i: Interaction, other: Interaction) {
    await sendProbe(this, i, { headers: { 'Ssp-InteractionID': other.interactionId } });
  },
);

Then('{hop} refuses it with {int} {word}', function (this: GpcWorld, hop: Hop, status: number, code: string) {
  expectError(this, this.answer(hop), { hop, requirement: scenarioRule(this), status, code });
});

Then('the provider accepts it', function (this: GpcWorld) {
  const result = this.answer('provider');
  const i = result.exchange.interaction;
  expectAnswer(this, result, {
    requirement: scenarioRule(this),
    status: 200,
    resourceType: i === 'read metadata' ? 'CapabilityStatement' : undefined,
  });
});

/** Problems with one error body against GPConnect-OperationOutcome-1 (FMT-ERROR-OUTCOME), or none. */
function outcomeProblems(body: unknown): string[] {
  const oo = body as {
    resourceType?: string;
    meta?: { profile?: string[] };
    issue?: { details?: { coding?: { system?: string; code?: string; display?: string }[] } }[];
  };
  if (oo?.resourceType !== 'OperationOutcome')
    return [`resourceType ${JSON.stringify(oo?.resourceType)}, not OperationOutcome`];
  const problems: string[] = [];
  if (!oo.meta?.profile?.includes('https://fhir.nhs.uk/STU3/StructureDefinition/GPConnect-OperationOutcome-1'))
    problems.push(`meta.profile ${JSON.stringify(oo.meta?.profile)} does not declare GPConnect-OperationOutcome-1`);
  if (!oo.issue?.length) problems.push('no issue');
  for (const [n, issue] of (oo.issue ?? []).entries()) {
    const codings = issue.details?.coding ?? [];
    if (codings.length !== 1) problems.push(`issue[${n}] has ${codings.length} details.coding, not exactly one`);
    else if (codings[0].system !== SYS.spineErrorStu3 || !codings[0].code || !codings[0].display)
      problems.push(
        `issue[${n}] coding ${JSON.stringify(codings[0])} is not a Spine-ErrorOrWarningCode-1 code with a display`,
      );
  }
  return problems;
}

Then(
  'every error the provider gave is a GPConnect-OperationOutcome-1 with exactly one Spine code',
  function (this: GpcWorld) {
    // The SSP's own refusals are plain OperationOutcomes by design (GP Connect 'Spine Secure Proxy' page, §SSP error responses): only the provider's are judged.
    const fromProvider = (e: Exchange) =>
      !!e.response &&
      hopOfSspAnswer({
        exchange: e,
        status: e.response.status,
        headers: e.response.headers,
        text: e.response.body ?? '',
      }) === 'provider';
    const errors = this.evidence.exchanges.filter(
      (e) => (e.response?.status ?? 0) >= 400 && (e.hop === 'ssp' || e.hop === 'provider') && fromProvider(e),
    );
    if (errors.length === 0)
      fail(this, {
        requirement: 'FMT-ERROR-OUTCOME',
        expected: 'at least one provider error to judge',
        actual: 'none in this scenario',
      });
    for (const e of errors) {
      const parsed = parseJson(e.response?.body ?? '');
      const problems = parsed.ok ? outcomeProblems(parsed.value) : [parsed.problem];
      if (problems.length)
        fail(this, {
          requirement: 'FMT-ERROR-OUTCOME',
          expected: 'a GPConnect-OperationOutcome-1 with one Spine-ErrorOrWarningCode-1 coding per issue',
          actual: `${problems.join('; ')} [evidence #${e.seq}]`,
        });
    }
  },
);
