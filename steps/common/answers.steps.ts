/** Generic checks over the latest answer of a hop: status, FHIR resource type, error codes, searchsets. */
import { Given, Then } from '@cucumber/cucumber';
import { ofType } from '../../support/fhir/bundle';
import type { Hop } from '../../support/domain/hop';
import { check, expectAnswer, expectError } from '../../support/world/checks';
import { choosePatient } from '../../support/world/journey';
import type { GpcWorld } from '../../support/world/world';

Given('{patient}', function (this: GpcWorld, role: string) {
  choosePatient(this, role);
});

Then(
  '{hop} answers {int} with a FHIR {word}',
  function (this: GpcWorld, hop: Hop, status: number, resourceType: string) {
    expectAnswer(this, this.answer(hop), { hop, status, resourceType });
  },
);

Then('{hop} answers {int} naming {word}', function (this: GpcWorld, hop: Hop, status: number, code: string) {
  expectError(this, this.answer(hop), { hop, status, code });
});

// A code of two words: Spine-ErrorOrWarningCode-1 spells ACCESS DENIED with a space (facts §6).
Then('{hop} answers {int} naming {string}', function (this: GpcWorld, hop: Hop, status: number, code: string) {
  expectError(this, this.answer(hop), { hop, status, code });
});

function latestBundle(w: GpcWorld) {
  const hop = w.latestHop ?? 'provider';
  const result = w.answer(hop);
  return { hop, result, bundle: expectAnswer(w, result, { hop, status: 200, resourceType: 'Bundle' }) };
}

Then('the Bundle is a searchset', function (this: GpcWorld) {
  const { hop, result, bundle } = latestBundle(this);
  check(this, bundle.type === 'searchset', {
    hop,
    evidence: result,
    expected: 'Bundle.type searchset',
    actual: JSON.stringify(bundle.type),
  });
});

Then('the Bundle is a searchset of exactly one {word}', function (this: GpcWorld, type: string) {
  const { hop, result, bundle } = latestBundle(this);
  check(this, bundle.type === 'searchset', {
    hop,
    evidence: result,
    expected: 'Bundle.type searchset',
    actual: JSON.stringify(bundle.type),
  });
  const found = ofType(bundle, type);
  check(this, found.length === 1, {
    hop,
    evidence: result,
    expected: `exactly one ${type}`,
    actual: `${found.length} ${type} resources`,
  });
});

Then('the answer carries Cache-Control no-store', function (this: GpcWorld) {
  const result = this.answer('provider');
  const value = result.headers['cache-control'];
  check(this, /(^|,)\s*no-store\s*(,|$)/.test(value ?? ''), {
    evidence: result,
    expected: 'Cache-Control: no-store',
    actual: value ? `Cache-Control: ${value}` : 'no Cache-Control header',
  });
});
