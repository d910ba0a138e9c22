/**
 * Foundations searches (AM-FND-SEARCH, AM-FND-SEARCH-EMPTY, AM-FND-SEARCH-PARAMS): Practitioner by SDS user id and Organization by ODS code — the ones
 * the journey met, identifiers nobody has, and identifier parameters that break the rules.
 */
import { Then, When } from '@cucumber/cucumber';
import { identifierValue, ofType, type Resource } from '../../support/fhir/bundle';
import { identifierQuery, patientQuery } from '../../support/gpconnect/requests';
import { interaction } from '../../support/interactions';
import { SYS } from '../../support/spine/systems';
import { check, expectAnswer } from '../../support/world/checks';
import { depthRequirement } from '../../support/world/depth';
import { throughSsp } from '../../support/world/journey';
import type { GpcWorld } from '../../support/world/world';
import { need } from '../../support/world/stages';

/** The identifier system each search is by (AM-FND-SEARCH-PARAMS). */
const SEARCH_SYSTEM: Record<string, string> = { Practitioner: SYS.sdsUserId, Organization: SYS.odsOrg };

/** The resource of a type the slot search included: what the journey met. */
function met(w: GpcWorld, type: string): Resource {
  const found = ofType(need(w, 'slotSearch').slotSearch.bundle, type)[0];
  if (!found) throw new Error(`the slot search included no ${type}`);
  return found;
}

/** Query strings by probe name; each breaks one rule of the identifier parameter. */
const PROBES: Record<string, (type: string) => string> = {
  'an identifier nobody has': (type) => identifierQuery(SEARCH_SYSTEM[type], 'NOSUCH0000'),
  'an unknown identifier system': () => identifierQuery('https://example.invalid/Id/unknown', 'X1'),
  'no identifier': () => '',
};

/** The identifier query that finds the resource of a type the journey met. */
function metQuery(w: GpcWorld, type: string): string {
  const value = identifierValue(met(w, type), SEARCH_SYSTEM[type]);
  if (!value) throw new Error(`the ${type} the journey met has no identifier under ${SEARCH_SYSTEM[type]}`);
  return identifierQuery(SEARCH_SYSTEM[type], value);
}

async function search(w: GpcWorld, type: string, query: string) {
  await throughSsp(w, interaction(`find ${type.toLowerCase()}`), { query });
}

When(
  'the consumer searches for the {word} the journey met by its identifier',
  async function (this: GpcWorld, type: string) {
    await search(this, type, metQuery(this, type));
  },
);

When(
  'the consumer searches for the {word} the journey met by its identifier and {string}',
  async function (this: GpcWorld, type: string, extra: string) {
    await search(this, type, `${metQuery(this, type)}&${extra}`);
  },
);

When('the consumer searches for a {word} with {}', async function (this: GpcWorld, type: string, probe: string) {
  if (!PROBES[probe]) throw new Error(`unknown search probe "${probe}"; known: ${Object.keys(PROBES).join(', ')}`);
  await search(this, type, PROBES[probe](type));
});

Then('the searchset holds exactly the {word} the journey met', function (this: GpcWorld, type: string) {
  const result = this.answer('provider');
  const requirement = depthRequirement(this);
  const bundle = expectAnswer(this, result, { requirement, status: 200, resourceType: 'Bundle' });
  const found = ofType(bundle, type).map((r) => r.id);
  const expected = met(this, type).id;
  check(this, found.length === 1 && found[0] === expected, {
    requirement,
    evidence: result,
    expected: `exactly ${type}/${expected}`,
    actual: found.length ? found.map((id) => `${type}/${id}`).join(', ') : `no ${type}`,
  });
});

When(
  'the consumer searches for the patient by NHS number and {string}',
  async function (this: GpcWorld, extra: string) {
    const query = `${patientQuery(need(this, 'nhsNumber').nhsNumber)}&${extra}`;
    await throughSsp(this, interaction('find patient'), { query });
  },
);

Then('the searchset holds exactly the patient, by NHS number', function (this: GpcWorld) {
  const result = this.answer('provider');
  const requirement = depthRequirement(this);
  const bundle = expectAnswer(this, result, { requirement, status: 200, resourceType: 'Bundle' });
  const found = ofType(bundle, 'Patient').map((p) => identifierValue(p, SYS.nhsNumber));
  const expected = need(this, 'nhsNumber').nhsNumber;
  check(this, found.length === 1 && found[0] === expected, {
    requirement,
    evidence: result,
    expected: `exactly the Patient with NHS number ${expected}`,
    actual: found.length ? found.map((n) => `Patient ${String(n)}`).join(', ') : 'no Patient',
  });
});
