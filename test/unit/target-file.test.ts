import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, parseTargetText } from '../../support/config/target';
import { redactText } from '../../support/evidence/redact';
import { consumerAndTestData } from './target-yaml';

const good = `
name: t
pds: { baseUrl: "http://127.0.0.1:1/pds" }
sds: { baseUrl: "http://127.0.0.1:2/sds", apiKey: "\${GPC_TEST_SDS_KEY}" }
ssp: { baseUrl: "http://127.0.0.1:3" }
${consumerAndTestData('{ nhsNumber: "9000000084", expectedOds: T99999 }')}`;

function problem(text: string): ConfigError {
  try {
    parseTargetText(text, 'x.yaml');
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    return err;
  }
  assert.fail('expected a ConfigError');
}

test('a good target resolves ${ENV} secrets and registers them for redaction', () => {
  process.env.GPC_TEST_SDS_KEY = 'sds-secret-canary-123';
  const t = parseTargetText(good, 'x.yaml');
  assert.equal(t.sds.apiKey, 'sds-secret-canary-123');
  assert.equal(redactText('key=sds-secret-canary-123'), 'key=[REDACTED]');
});

test('bad targets give one error naming the key', () => {
  process.env.GPC_TEST_SDS_KEY = 'sds-secret-canary-123';
  assert.match(
    problem(good.replace('apiKey: "${GPC_TEST_SDS_KEY}"', 'apiKey: "literal-secret"')).message,
    /sds\.apiKey: secrets must be/,
  );
  assert.match(
    problem(good.replace('"http://127.0.0.1:3"', '"http://127.0.0.1:3/"')).message,
    /ssp\.baseUrl: must be an absolute/,
  );
  assert.match(
    problem(good.replace('9000000084', '9000000085')).message,
    /testData\.patients\.registered\.nhsNumber: .*check digit/,
  );
  assert.match(problem(good.replace('name: t\n', '')).message, /required property 'name'/);
  assert.match(problem('name: [unclosed').message, /not valid YAML/);
  delete process.env.GPC_TEST_SDS_KEY;
  assert.match(problem(good).message, /sds\.apiKey: environment variable GPC_TEST_SDS_KEY is not set/);
});

test('patient numbers: invalidCheckDigit must fail the check digit, every other role (invalidated too) must pass', () => {
  process.env.GPC_TEST_SDS_KEY = 'sds-secret-canary-123';
  const withRole = (role: string, nhsNumber: string) =>
    good.replace('\n    registered:', `\n    ${role}: { nhsNumber: "${nhsNumber}" }\n    registered:`);
  // Right fixtures: a failing number for invalidCheckDigit, a valid one for invalidated.
  assert.equal(
    parseTargetText(withRole('invalidCheckDigit', '9000000000'), 'x.yaml').testData.patients.invalidCheckDigit
      .nhsNumber,
    '9000000000',
  );
  assert.equal(
    parseTargetText(withRole('invalidated', '9000000114'), 'x.yaml').testData.patients.invalidated.nhsNumber,
    '9000000114',
  );
  // Wrong fixtures: a valid number where an invalid one is needed, and an invalid one for a role merely named invalid…
  assert.match(
    problem(withRole('invalidCheckDigit', '9000000009')).message,
    /testData\.patients\.invalidCheckDigit\.nhsNumber: "9000000009" passes the check digit/,
  );
  assert.match(
    problem(withRole('invalidated', '9000000115')).message,
    /testData\.patients\.invalidated\.nhsNumber: .*check digit/,
  );
});
