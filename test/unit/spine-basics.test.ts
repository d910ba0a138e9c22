import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isValidNhsNumber, nhsNumberProblem } from '../../support/spine/nhs-number';
import { buildGpcClaims, decodeJwt, encodeUnsignedJwt } from '../../support/jwt/gpc-jwt';
import { EDGE_RULES, firstBreach, type RequestFacts } from '../../support/jwt/jwt-rules';
import { interaction, matchInteractions, INTERACTIONS } from '../../support/interactions';
import { ukDateTime, ukWallClock } from '../../support/spine/uk-time';
import { rootProblem } from '../../support/spine/service-root';

const consumer = {
  asid: '200000000115',
  odsCode: 'C88001',
  organizationName: 'Test Consumer',
  systemUrl: 'https://consumer.example/',
  telecom: '0300',
  practitioner: { id: '10019', family: 'Doe', given: ['Jo'], sdsUserId: 'UNK', sdsRoleProfileId: 'UNK' },
  device: { system: 'https://consumer.example/Id/device', value: 'd1', model: 'm', version: '1' },
};

test('NHS number Modulus 11: the worked example passes, a wrong check digit and a 10-remainder fail', () => {
  assert.equal(isValidNhsNumber('9000000084'), true);
  assert.equal(isValidNhsNumber('9000000000'), false);
  assert.match(nhsNumberProblem('9000000000')!, /check digit/);
  assert.match(nhsNumberProblem('900000005x')!, /10 digits/);
  assert.match(nhsNumberProblem('9000000050')!, /no valid check digit/);
});

test('the GP Connect JWT: header alg none + typ JWT, empty signature kept, claims per JWT-* records', () => {
  const claims = buildGpcClaims({
    consumer,
    interaction: interaction('search free slots'),
    audience: 'https://p.example/T99999/STU3/1/gpconnect',
    now: 1_700_000_000,
  });
  const token = encodeUnsignedJwt(claims);
  assert.ok(token.endsWith('.'));
  const d = decodeJwt(token);
  assert.ok(d.ok);
  assert.deepEqual(d.header, { alg: 'none', typ: 'JWT' });
  assert.equal(d.claims.exp, 1_700_000_300);
  assert.equal(d.claims.requested_scope, 'organization/*.read');
  assert.equal(d.claims.sub, '10019');
  assert.equal(decodeJwt('not-a.jwt').ok, false);
  assert.equal(decodeJwt('a.b*c.').ok, false);
});

test('edge rules: a good request passes, and each removed claim is the first breach it causes', () => {
  const i = interaction('read metadata');
  const root = 'https://p.example/T99999/STU3/1/gpconnect';
  const now = Math.floor(Date.now() / 1000);
  const facts = (claims: Record<string, unknown>): RequestFacts => ({
    headers: {
      'ssp-traceid': 't',
      'ssp-from': consumer.asid,
      'ssp-to': '999999999999',
      'ssp-interactionid': i.interactionId,
      authorization: `Bearer ${encodeUnsignedJwt(claims)}`,
    },
    interaction: i,
    candidates: [i],
    providerAsid: '999999999999',
    serviceRoot: root,
    nowSeconds: now,
  });
  const good = buildGpcClaims({ consumer, interaction: i, audience: root, now });
  assert.equal(firstBreach(facts(good)), undefined);
  for (const claim of [
    'iss',
    'aud',
    'exp',
    'iat',
    'reason_for_request',
    'requested_scope',
    'requesting_device',
    'requesting_organization',
    'requesting_practitioner',
  ]) {
    const { [claim]: _gone, ...rest } = good;
    const breach = firstBreach(facts(rest));
    assert.ok(breach, `missing ${claim} must breach a rule`);
    assert.equal(breach.rule.status, 400);
  }
  assert.equal(firstBreach(facts({ ...good, exp: (good.iat as number) + 301 }))?.rule.id, 'JWT-LIFETIME');
  assert.equal(
    firstBreach(facts({ ...good, requesting_device: { resourceType: 'Patient', identifier: [{}] } }))?.rule.status,
    422,
  );
  assert.ok(EDGE_RULES.every((r) => /^(HDR|JWT)-/.test(r.id)));
});

test('interaction table: update and cancel share PUT /Appointment/{id}; each capability routes apart', () => {
  const put = matchInteractions('appointments', 'PUT', '/Appointment/abc');
  assert.deepEqual(put.map((m) => m.interaction.name).sort(), ['amend appointment', 'cancel appointment']);
  assert.equal(put[0].id, 'abc');
  assert.equal(matchInteractions('structured', 'GET', '/metadata')[0].interaction.name, 'read structured metadata');
  assert.equal(new Set(INTERACTIONS.map((x) => x.interactionId)).size, INTERACTIONS.length);
});

test('service root format (WE-2b): trailing slash, wrong ODS code and missing STU3 are each named', () => {
  assert.equal(rootProblem('https://p.example/T99999/STU3/1/gpconnect', 'T99999'), undefined);
  assert.match(rootProblem('https://p.example/T99999/STU3/1/gpconnect/', 'T99999')!, /slash/);
  assert.match(rootProblem('https://p.example/A20047/STU3/1/gpconnect', 'T99999')!, /ODS/);
  assert.match(rootProblem('https://p.example/T99999/R4/1/gpconnect', 'T99999')!, /STU3/);
});

test('UK local times carry +00:00 in winter and +01:00 in summer, never Z', () => {
  assert.equal(ukDateTime(new Date('2026-01-15T12:00:00Z')), '2026-01-15T12:00:00+00:00');
  assert.equal(ukDateTime(new Date('2026-07-15T12:00:00Z')), '2026-07-15T13:00:00+01:00');
  assert.match(ukDateTime(ukWallClock(1, 9, 0)), /T09:00:00\+0[01]:00$/);
});
