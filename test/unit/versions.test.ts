/** The per-capability spec version model (support/versions.ts) and what each version selects. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, parseTargetText } from '../../support/config/target';
import { buildGpcClaims, encodeUnsignedJwt, type Claims } from '../../support/jwt/gpc-jwt';
import { firstBreach, type RequestFacts } from '../../support/jwt/jwt-rules';
import { interaction } from '../../support/interactions';
import {
  DEFAULT_SPEC_VERSIONS,
  declaredVersionProblem,
  jwtVariantOf,
  profileSetFor,
  specVersionProblem,
  specVersionsOf,
  type JwtVariant,
} from '../../support/versions';
import { consumerAndTestData } from './target-yaml';

const target = (versions = '') => `
name: t
pds: { baseUrl: "http://127.0.0.1:1/pds" }
sds: { baseUrl: "http://127.0.0.1:2/sds", apiKey: "\${GPC_TEST_SDS_KEY:-k123456}" }
ssp: { baseUrl: "http://127.0.0.1:3" }
${versions}
${consumerAndTestData('{ nhsNumber: "9000000084", expectedOds: T99999 }')}`;

test('the defaults are the newest of each line, and a target may name its own per capability', () => {
  assert.deepEqual(DEFAULT_SPEC_VERSIONS, { appointments: '1.2.9', structured: '1.6.2', documents: '1.6.2' });
  assert.equal(parseTargetText(target(), 'x.yaml').specVersions, undefined);
  const t = parseTargetText(target('specVersions: { structured: "1.5.1" }'), 'x.yaml');
  assert.deepEqual(specVersionsOf(t.specVersions), { ...DEFAULT_SPEC_VERSIONS, structured: '1.5.1' });
});

test('a version off every supported line is a configuration error naming the key', () => {
  for (const [yaml, key] of [
    ['specVersions: { appointments: "1.6.2" }', 'specVersions.appointments'],
    ['specVersions: { structured: "1.2.9" }', 'specVersions.structured'],
    ['specVersions: { documents: "1.5.0" }', 'specVersions.documents'],
    ['specVersions: { structured: "1.6" }', 'specVersions.structured'],
    ['specVersions: { booking: "1.2.9" }', 'specVersions'],
  ]) {
    assert.throws(
      () => parseTargetText(target(yaml), 'x.yaml'),
      (err: unknown) => err instanceof ConfigError && err.message.includes(key),
      yaml,
    );
  }
  assert.match(specVersionProblem('structured', '1.2.9')!, /supported: 1\.5\.x, 1\.6\.x/);
});

test('each version selects its profile set: AM and Foundations on 1.2.7, ARS and documents on 1.5.0', () => {
  assert.equal(profileSetFor('appointments', '1.2.9'), 'gpconnect-1.2.7');
  assert.equal(profileSetFor('structured', '1.5.0'), 'gpconnect-1.5.0');
  assert.equal(profileSetFor('structured', '1.6.2'), 'gpconnect-1.5.0');
  assert.equal(profileSetFor('documents', '1.6.0'), 'gpconnect-1.5.0');
});

test('the CapabilityStatement version must equal the version the target declares (the 1.2.9 template says 1.2.7)', () => {
  assert.equal(declaredVersionProblem('structured', '1.6.2', '1.6.2'), undefined);
  assert.equal(declaredVersionProblem('appointments', '1.2.7', '1.2.7'), undefined);
  assert.match(declaredVersionProblem('appointments', '1.2.9', '1.2.7')!, /not the appointments version 1\.2\.9/);
  assert.match(declaredVersionProblem('structured', '1.6.2', '1.5.0')!, /specVersions\.structured/);
  assert.match(declaredVersionProblem('appointments', '1.2.9', undefined)!, /undefined/);
  assert.ok(declaredVersionProblem('structured', '1.5.1', '1.50.0'));
});

const consumer = parseTargetText(target(), 'x.yaml').consumer;
const now = Math.floor(Date.now() / 1000);

/** The first rule a well-formed request for `name` breaks with `claims` overriding, on `variant`. */
function breach(name: string, variant: JwtVariant, claims: Claims): string | undefined {
  const i = interaction(name);
  const root = 'https://p.example/T99999/STU3/1/gpconnect/structured';
  const good = buildGpcClaims({ consumer, interaction: i, audience: root, now });
  const facts: RequestFacts = {
    headers: {
      'ssp-traceid': 't',
      'ssp-from': consumer.asid,
      'ssp-to': '999999999999',
      'ssp-interactionid': i.interactionId,
      authorization: `Bearer ${encodeUnsignedJwt({ ...good, ...claims })}`,
    },
    interaction: i,
    candidates: [i],
    providerAsid: '999999999999',
    serviceRoot: root,
    nowSeconds: now,
    jwtVariant: variant,
  };
  return firstBreach(facts)?.rule.id;
}

test('JWT rule variants: a valid 1.6 JWT passes on 1.6 and is refused on the 1.2 line (ARS-JWT-1.6)', () => {
  const record = 'get structured record';
  assert.equal(breach(record, 'gpc-1.6', {}), undefined);
  assert.equal(breach(record, 'gpc-1.6', { requested_scope: 'patient/*.read conf/N' }), undefined);
  assert.equal(breach(record, 'gpc-1.6', { requested_scope: 'patient/*.read conf/R' }), undefined);
  assert.equal(breach(record, 'gpc-1.2', { requested_scope: 'patient/*.read conf/N' }), 'JWT-SCOPE-MATCH');
  assert.equal(breach(record, 'gpc-1.6', { requested_scope: 'patient/*.read conf/X' }), 'JWT-SCOPE-MATCH');
  assert.equal(breach(record, 'gpc-1.6', { requested_scope: 'patient/*.read conf/N conf/R' }), 'JWT-SCOPE-MATCH');
  assert.equal(breach(record, 'gpc-1.6', { requested_scope: 'organization/*.read conf/N' }), 'JWT-SCOPE-MATCH');
  // migration only for the migrate interactions, and only on 1.6
  assert.equal(breach('migrate structured record', 'gpc-1.6', { reason_for_request: 'migration' }), undefined);
  assert.equal(breach(record, 'gpc-1.6', { reason_for_request: 'migration' }), 'JWT-REASON-VALUE');
  assert.equal(breach('migrate structured record', 'gpc-1.2', { reason_for_request: 'migration' }), 'JWT-REASON-VALUE');
  assert.equal(breach(record, 'gpc-1.6', { reason_for_request: 'secondaryuses' }), 'JWT-REASON-VALUE');
});

test('the harness asks for migration on the migrate interactions, directcare elsewhere', () => {
  const claims = (name: string) => buildGpcClaims({ consumer, interaction: interaction(name), audience: 'x', now });
  assert.equal(claims('migrate structured record').reason_for_request, 'migration');
  assert.equal(claims('get structured record').reason_for_request, 'directcare');
});

test('the variant follows the capability: appointments 1.2, structured 1.6 by default, 1.2 on ARS 1.5.x', () => {
  assert.equal(jwtVariantOf('appointments'), 'gpc-1.2');
  assert.equal(jwtVariantOf('structured'), 'gpc-1.6');
  assert.equal(jwtVariantOf('structured', { structured: '1.5.2' }), 'gpc-1.2');
  assert.equal(jwtVariantOf(undefined), 'gpc-1.2');
});
