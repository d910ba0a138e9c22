/** Issue 14 item 5: one NHS number given two roles that cannot both hold is a config error naming both. */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { ConfigError, parseTargetText } from '../../support/config/target';
import { targetYaml } from './target-yaml';

const withRole = (role: string, nhsNumber: string) =>
  targetYaml('http://127.0.0.1:3').replace(
    '\n    registered:',
    `\n    ${role}: { nhsNumber: "${nhsNumber}" }\n    registered:`,
  );

test('the registered patient cannot also be the deceased one', () => {
  assert.throws(
    () => parseTargetText(withRole('deceased', '9000000009'), 'x.yaml'),
    (err: unknown) =>
      err instanceof ConfigError &&
      /testData\.patients\.registered\.nhsNumber: "9000000009" is also testData\.patients\.deceased: one record cannot be both deceased and living and registered/.test(
        err.message,
      ),
  );
});

test('roles that say the same of a record may share its number; distinct numbers are fine', () => {
  assert.doesNotThrow(() => parseTargetText(withRole('deceased', '9000000068'), 'x.yaml'));
  const both = withRole('secondPractice', '9000000122').replace(
    '\n    registered:',
    '\n    unregistered: { nhsNumber: "9000000122" }\n    registered:',
  );
  assert.doesNotThrow(() => parseTargetText(both, 'x.yaml'));
});
