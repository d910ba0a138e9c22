/**
 * The topology rules only traffic can show (TOP-T2, TOP-T12): T2 over a recorded request, T12 by a request with
 * someone else's Ssp-To, T13 by the two-step SDS lookup. T3 reuses the SSP steps (steps/ssp/proxy.steps.ts).
 */
import { Then, When } from '@cucumber/cucumber';
import type { Interaction } from '../../support/interactions';
import { bearerToken, decodeJwt } from '../../support/jwt/gpc-jwt';
import { identifierValue } from '../../support/fhir/bundle';
import { findDevices, findEndpoints } from '../../support/spine/sds-client';
import { hopOfSspAnswer } from '../../support/spine/ssp-client';
import { SYS } from '../../support/spine/systems';
import { asRecord, findAllDevices, sdsEntries } from '../../support/topology/from-sds';
import type { HttpResult } from '../../support/spine/http';
import { originViolation, type Violation } from '../../support/topology/rules';
import { check, expectError, fail } from '../../support/world/checks';
import {
  deviceAsid,
  endpointPartyKey,
  lookupDevice,
  lookupEndpoint,
  lookupInteraction,
  onlyEntry,
  throughSsp,
} from '../../support/world/journey';
import { deviceAnswersQuery, endpointAnswersQuery } from '../../support/world/sds-answers';
import type { GpcWorld } from '../../support/world/world';
import { need } from '../../support/world/stages';

When(
  'the consumer sends {interaction} through the SSP for a user at organisation {string}',
  async function (this: GpcWorld, i: Interaction, ods: string) {
    // A portal acting for a practice it hosts: the JWT names the user's organisation, Ssp-From stays the host's ASID.
    const requestingOrganization = {
      resourceType: 'Organization',
      identifier: [{ system: SYS.odsOrg, value: ods }],
      name: `Organisation ${ods}`,
    };
    await throughSsp(this, i, { claims: { requesting_organization: requestingOrganization } });
  },
);

/** T2 over the latest SSP request: its Ssp-From against SDS's AS records at the JWT's requesting organisation. */
async function originOfLatestRequest(w: GpcWorld): Promise<{ violation?: Violation; sds?: HttpResult }> {
  const { request } = w.answer('ssp').exchange;
  const header = (name: string) =>
    Object.entries(request.headers).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1] ?? '';
  const jwt = decodeJwt(bearerToken(header('Authorization')) ?? '');
  if (!jwt.ok)
    fail(w, {
      hop: 'config',
      requirement: 'TOP-T2',
      expected: 'a decodable JWT on the recorded request',
      actual: jwt.problem,
      kind: 'harness',
    });
  const requestingOds = identifierValue(jwt.claims.requesting_organization, SYS.odsOrg);
  const sds = requestingOds
    ? await findAllDevices(w.evidence, w.target, requestingOds, header('Ssp-InteractionID'))
    : undefined;
  const asAtOrigin = sds ? sdsEntries(sds, 'Device').map(asRecord) : [];
  return { violation: originViolation({ sspFrom: header('Ssp-From'), requestingOds }, asAtOrigin), sds };
}

Then('rule T2 holds for the recorded request', async function (this: GpcWorld) {
  const { violation } = await originOfLatestRequest(this);
  check(this, !violation, {
    requirement: 'TOP-T2',
    evidence: this.answer('ssp'),
    expected: "Ssp-From an ASID of the JWT's requesting_organization",
    actual: violation?.message ?? '',
  });
});

Then('rule T2 flags the recorded request', async function (this: GpcWorld) {
  const { violation, sds } = await originOfLatestRequest(this);
  // The check stands on SDS's AS records at the requesting organisation: if it misses, SDS vouched for the hosting ASID.
  check(this, !!violation, {
    hop: 'sds',
    requirement: 'TOP-T2',
    evidence: sds ?? this.answer('ssp'),
    expected: "a T2 violation: SDS lists no AS record of the Ssp-From ASID at the JWT's requesting organisation",
    actual: 'SDS lists it there, so the hosting ASID passes as the originator',
  });
});

/** The ASID SDS gives for another test patient's practice: the two-step lookup, checked as T13 asks. */
async function asidOfPractice(w: GpcWorld, role: string): Promise<string> {
  const ods = w.target.testData.patients[role]?.expectedOds;
  if (!ods)
    fail(w, {
      hop: 'config',
      requirement: 'TOP-T12',
      expected: `testData.patients.${role}.expectedOds in the target file`,
      actual: 'not set',
      kind: 'config',
    });
  const i = lookupInteraction(w);
  const endpoints = await findEndpoints(w.evidence, w.target, ods, i.interactionId, w.correlationId);
  const partyKey = endpointPartyKey(w, onlyEntry(w, endpoints, 'Endpoint', 'TOP-T12'), endpoints);
  const devices = await findDevices(w.evidence, w.target, ods, i.interactionId, partyKey, w.correlationId);
  return deviceAsid(w, onlyEntry(w, devices, 'Device', 'TOP-T12'), devices);
}

When(
  "the consumer sends {interaction} through the SSP with Ssp-To set to the ASID of {patient}'s practice",
  async function (this: GpcWorld, i: Interaction, role: string) {
    const otherAsid = await asidOfPractice(this, role);
    check(this, otherAsid !== this.state.providerAsid, {
      hop: 'config',
      requirement: 'TOP-T12',
      expected: 'two practices with different ASIDs',
      actual: `both ${otherAsid}`,
      kind: 'config',
    });
    await throughSsp(this, i, { headers: { 'Ssp-To': otherAsid }, probe: true });
  },
);

Then('the request is refused with 400 before the practice answers', function (this: GpcWorld) {
  const result = this.answer('provider');
  // Either refusal keeps the request from the practice: the SSP's (target URL ≠ Ssp-To's endpoint) or the provider's own.
  expectError(this, result, { hop: 'provider', requirement: 'TOP-T12', status: 400, eitherWriter: true });
  this.carry('refusedBy', hopOfSspAnswer(result));
});

Then(
  'the two-step SDS lookup for {interaction} yields exactly one Endpoint and exactly one Device',
  async function (this: GpcWorld, i: Interaction) {
    const endpoints = await lookupEndpoint(this, i);
    const endpoint = onlyEntry(this, endpoints, 'Endpoint', 'TOP-T13');
    // One record that answers another query is not the one the lookup is for: T13 counts only the right one.
    endpointAnswersQuery(this, endpoint, endpoints, 'TOP-T13');
    this.state.endpoint = {
      root: String(endpoint.address),
      partyKey: endpointPartyKey(this, endpoint, endpoints),
      ods: need(this, 'ods').ods,
    };
    const devices = await lookupDevice(this, i);
    deviceAnswersQuery(this, onlyEntry(this, devices, 'Device', 'TOP-T13'), devices, 'TOP-T13');
  },
);
