/**
 * Access Record Structured, what the answer must be (ARS-BUNDLE, ARS-AREAS, ARS-* records; the GP Connect 1.6.2 ARS pages): the
 * Bundle rules, the Patient, references, each area's List and its filters, and the unrecognised-parameter
 * warning. Each check names the scenario's requirement tag, so a fault is blamed on what it breaks.
 */
import { Then } from '@cucumber/cucumber';
import {
  bundleProblems,
  listItems,
  listsWithCode,
  ofType,
  patientNhsNumbers,
  unresolvedReferences,
  type Resource,
} from '../../support/gpconnect/structured-record';
import { featureDate } from '../../support/gpconnect/structured-requests';
import {
  AREA_LISTS,
  AREA_PARAMETERS,
  ENDED_ALLERGIES_LIST,
  type AreaList,
} from '../../support/gpconnect/structured-operation';
import { behaviour } from '../../support/domain/catalogue';
import { SYS } from '../../support/spine/systems';
import { check, expectAnswer } from '../../support/world/checks';
import type { GpcWorld } from '../../support/world/world';
import { ASKED } from './structured.steps';

function record(w: GpcWorld) {
  const result = w.answer('provider');
  return { result, bundle: expectAnswer(w, result, { status: 200, resourceType: 'Bundle' }) };
}

function expectThat(w: GpcWorld, ok: boolean, expected: string, actual: string) {
  check(w, ok, { evidence: w.answer('provider'), expected, actual });
}

/** The List a Gherkin name stands for: an area key (`allergies`) or `ended allergies`. */
function namedList(name: string): AreaList {
  if (name === 'ended allergies') return ENDED_ALLERGIES_LIST;
  const list = AREA_LISTS[name as keyof typeof AREA_LISTS];
  if (!list) throw new Error(`no List for "${name}"; known: ${Object.keys(AREA_LISTS).join(', ')}, ended allergies`);
  return list;
}

function theList(w: GpcWorld, name: string): Resource {
  const { bundle } = record(w);
  const list = namedList(name);
  const found = listsWithCode(bundle, list);
  expectThat(w, found.length === 1, `exactly one "${list.title}" List (code ${list.code})`, `${found.length}`);
  return found[0];
}

Then('the provider answers 200 with a structured record Bundle', function (this: GpcWorld) {
  const problems = bundleProblems(record(this).bundle);
  expectThat(this, problems.length === 0, 'a GPConnect-StructuredRecord-Bundle-1 collection', problems.join('; '));
});

Then("the Bundle's Patient carries the requested NHS number", function (this: GpcWorld) {
  const numbers = patientNhsNumbers(record(this).bundle);
  expectThat(
    this,
    numbers.length === 1 && numbers[0] === this.state.nhsNumber,
    `one Patient with ${SYS.nhsNumber} ${this.state.nhsNumber}`,
    JSON.stringify(numbers),
  );
});

Then('every reference in the Bundle resolves to an entry of it', function (this: GpcWorld) {
  const dangling = unresolvedReferences(record(this).bundle);
  expectThat(this, dangling.length === 0, 'every Type/id reference to resolve in the Bundle', dangling.join('; '));
});

Then('the Bundle answers each requested area with its List and no other', function (this: GpcWorld) {
  const { bundle } = record(this);
  const asked = new Set((ASKED.get(this) ?? []).map((a) => a.area));
  for (const p of AREA_PARAMETERS) {
    const found = listsWithCode(bundle, AREA_LISTS[p.area]).length;
    const wanted = asked.has(p.area) ? 1 : 0;
    expectThat(
      this,
      found === wanted,
      `${wanted} "${AREA_LISTS[p.area].title}" List (${p.name} ${asked.has(p.area) ? 'sent' : 'not sent'})`,
      `${found}`,
    );
  }
});

Then('the {string} List has {int} entries', function (this: GpcWorld, name: string, count: number) {
  const list = theList(this, name);
  const entries = Array.isArray(list.entry) ? list.entry.length : 0;
  expectThat(this, entries === count, `${count} entries in "${list.title}"`, `${entries}`);
  const items = listItems(record(this).bundle, list);
  expectThat(
    this,
    items.length === entries,
    `each entry of "${list.title}" in the Bundle`,
    `${items.length} of ${entries} found`,
  );
});

Then('the {string} List is empty with a reason', function (this: GpcWorld, name: string) {
  const list = theList(this, name);
  const entries = Array.isArray(list.entry) ? list.entry.length : 0;
  expectThat(
    this,
    entries === 0 && !!list.emptyReason,
    `"${list.title}" with no entries and an emptyReason`,
    `${entries} entries, emptyReason ${JSON.stringify(list.emptyReason)}`,
  );
});

Then('the Bundle has no {string} List', function (this: GpcWorld, name: string) {
  const found = listsWithCode(record(this).bundle, namedList(name)).length;
  expectThat(this, found === 0, `no "${namedList(name).title}" List`, `${found}`);
});

Then('no allergy in the {string} List is resolved', function (this: GpcWorld, name: string) {
  const resolved = listItems(record(this).bundle, theList(this, name)).filter((a) => a.clinicalStatus === 'resolved');
  expectThat(
    this,
    resolved.length === 0,
    `no resolved allergy in "${namedList(name).title}"`,
    resolved.map((a) => a.id).join(', '),
  );
});

Then('every allergy in the {string} List is resolved', function (this: GpcWorld, name: string) {
  const items = listItems(record(this).bundle, theList(this, name));
  const open = items.filter((a) => a.clinicalStatus !== 'resolved');
  expectThat(
    this,
    items.length > 0 && open.length === 0,
    `only resolved allergies in "${namedList(name).title}"`,
    `${items.length} items, not resolved: ${open.map((a) => a.id).join(', ')}`,
  );
});

const periodEnd = (m: Resource) => (m.effectivePeriod as { end?: string } | undefined)?.end;

Then('no medication in the Bundle ended before {word}', function (this: GpcWorld, date: string) {
  const from = featureDate(date);
  const statements = ofType(record(this).bundle, 'MedicationStatement');
  const early = statements.filter((m) => (periodEnd(m) ?? '9999') < from);
  expectThat(
    this,
    statements.length > 0 && early.length === 0,
    `MedicationStatements, none ended before ${from}`,
    `${statements.length}, ended early: ${early.map((m) => `${m.id} (${periodEnd(m)})`).join(', ')}`,
  );
});

Then('the Bundle holds {int} prescription issue(s)', function (this: GpcWorld, count: number) {
  const issues = ofType(record(this).bundle, 'MedicationRequest').filter((r) => r.intent === 'order');
  expectThat(this, issues.length === count, `${count} MedicationRequest with intent order`, `${issues.length}`);
});

Then('every problem in the {string} List is {word}', function (this: GpcWorld, name: string, status: string) {
  const items = listItems(record(this).bundle, theList(this, name));
  const other = items.filter((c) => c.clinicalStatus !== status);
  expectThat(
    this,
    items.length > 0 && other.length === 0,
    `only ${status} problems`,
    `${items.length} items, others: ${other.map((c) => `${c.id} ${c.clinicalStatus}`).join(', ')}`,
  );
});

Then('{int} immunisation(s) in the Bundle are marked not given', function (this: GpcWorld, count: number) {
  const notGiven = ofType(record(this).bundle, 'Immunization').filter((i) => i.notGiven === true);
  expectThat(this, notGiven.length === count, `${count} Immunization with notGiven true`, `${notGiven.length}`);
});

/** The warning code an unrecognised parameter gets (ARS-UNRECOGNISED), as the catalogue records it. */
const UNRECOGNISED_CODE = behaviour('ARS-UNRECOGNISED').answers[0]?.code;

Then('the Bundle carries an OperationOutcome warning naming {word}', function (this: GpcWorld, name: string) {
  const issues = ofType(record(this).bundle, 'OperationOutcome').flatMap(
    (o) => (o.issue ?? []) as Record<string, unknown>[],
  );
  const named = issues.find((i) => i.diagnostics === name);
  const coding = (named?.details as { coding?: { system?: string; code?: string }[] } | undefined)?.coding?.[0];
  expectThat(
    this,
    !!named &&
      named.severity === 'warning' &&
      named.code === 'not-supported' &&
      coding?.system === SYS.spineErrorStu3 &&
      coding.code === UNRECOGNISED_CODE,
    `an issue severity warning, code not-supported, ${UNRECOGNISED_CODE}, diagnostics ${name}`,
    JSON.stringify(issues).slice(0, 300),
  );
});
