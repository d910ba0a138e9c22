/**
 * Access Record Structured, the dated areas' filters (ARS-CONSULTATIONS, ARS-INVESTIGATIONS, ARS-REFERRALS,
 * ARS-DIARY, ARS-UNCATEGORISED): every entry of an area's List carries the date its search part reads, and
 * that date lies in the range asked for.
 */
import { Then } from '@cucumber/cucumber';
import { listItems, listsWithCode, type Resource } from '../../support/gpconnect/structured-record';
import { AREA_LISTS, type ClinicalArea } from '../../support/gpconnect/structured-operation';
import { featureDate } from '../../support/gpconnect/structured-requests';
import { check, expectAnswer } from '../../support/world/checks';
import type { GpcWorld } from '../../support/world/world';

/** Where each entry type keeps the date its area's search part filters on (GPC-1.6.2 ARS resource pages). */
const ENTRY_DATE: Readonly<Record<string, (r: Resource) => unknown>> = {
  Encounter: (r) => (r.period as { start?: string } | undefined)?.start,
  DiagnosticReport: (r) => r.issued,
  ReferralRequest: (r) => r.authoredOn,
  ProcedureRequest: (r) => r.occurrenceDateTime,
  Observation: (r) => r.effectiveDateTime,
};

const dayOf = (r: Resource): string | undefined => {
  const date = ENTRY_DATE[r.resourceType]?.(r);
  return typeof date === 'string' ? date.slice(0, 10) : undefined;
};

Then(
  'every entry of the {string} List is dated from {word} to {word}',
  function (this: GpcWorld, area: string, from: string, to: string) {
    const bundle = expectAnswer(this, this.answer('provider'), { status: 200, resourceType: 'Bundle' });
    const list = AREA_LISTS[area as ClinicalArea];
    if (!list) throw new Error(`no List for "${area}"; known: ${Object.keys(AREA_LISTS).join(', ')}`);
    const [start, end] = [featureDate(from), featureDate(to)];
    const items = listsWithCode(bundle, list).flatMap((l) => listItems(bundle, l));
    const outside = items.filter((r) => {
      const day = dayOf(r);
      return !day || day < start || day > end;
    });
    check(this, items.length > 0 && outside.length === 0, {
      evidence: this.answer('provider'),
      expected: `entries of "${list.title}", each dated ${start} to ${end}`,
      actual: `${items.length} entries, outside: ${outside.map((r) => `${r.resourceType}/${r.id} (${dayOf(r)})`).join(', ')}`,
    });
  },
);
