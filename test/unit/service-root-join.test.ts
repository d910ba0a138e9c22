/**
 * Issue 18 item 5: a root with a trailing slash is named as such (the SDS hop reports it, WE-2b, before any
 * GP Connect request is built). The SSP URL keeps the root verbatim, so the deliberate one-character-off
 * probes (SSP-URL, WE-3c) still reach the SSP as written.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import type { Target } from '../../support/config/target';
import { rootProblem } from '../../support/spine/service-root';
import { sspUrl } from '../../support/spine/ssp-client';

const target = { ssp: { baseUrl: 'https://ssp.example' } } as Target;
const ROOT = 'https://p.example/T99999/STU3/1/gpconnect';

test('a trailing-slash root is named by rootProblem; the root without it is a root', () => {
  assert.match(rootProblem(`${ROOT}/`, 'T99999') ?? '', /ends with a slash/);
  assert.equal(rootProblem(ROOT, 'T99999'), undefined);
});

test('an honest root joins its path with one slash', () => {
  assert.equal(sspUrl(target, ROOT, '/Patient/1', 'a=b'), `https://ssp.example/${ROOT}/Patient/1?a=b`);
});
