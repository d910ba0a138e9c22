/**
 * A structured record answer shown readably in index.html: each clinical area's List as a section with its
 * entries (what, status, date) or its emptyReason, before the raw JSON. Read with the same helpers the
 * checks use (support/gpconnect/structured-record.ts).
 */
import type { Exchange } from '../evidence/types';
import { listItems, ofType, type Resource } from '../gpconnect/structured-record';
import { el, table, type Child } from './html-kit';

type Coded = { text?: string; coding?: { display?: string; code?: string }[] };
const shown = (c: unknown) => (c as Coded | undefined)?.text ?? (c as Coded | undefined)?.coding?.[0]?.display ?? '';

/** What an entry is about, by resource type: its code, or its medication's. */
function what(r: Resource, bundle: Record<string, unknown>): string {
  const medication = (r.medicationReference as { reference?: string } | undefined)?.reference;
  if (medication) return shown(ofType(bundle, 'Medication').find((m) => `Medication/${m.id}` === medication)?.code);
  // Encounter keeps its code in type, ReferralRequest in serviceRequested, a List in code or title.
  const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
  return shown(r.code ?? r.vaccineCode ?? first(r.type) ?? first(r.serviceRequested)) || String(r.title ?? r.resourceType);
}

const when = (r: Resource) =>
  String(
    r.assertedDate ??
      r.date ??
      r.onsetDateTime ??
      (r.effectivePeriod as { start?: string } | undefined)?.start ??
      r.authoredOn ??
      (r.period as { start?: string } | undefined)?.start ??
      r.occurrenceDateTime ??
      r.effectiveDateTime ??
      r.issued ??
      '',
  );

const status = (r: Resource) => String(r.clinicalStatus ?? r.status ?? '') + (r.notGiven === true ? ' (not given)' : '');

/** The interactions answered with a structured record Bundle. */
const STRUCTURED_ANSWERS = new Set(['get structured record', 'migrate structured record']);

export function structuredRecordView(e: Exchange): Child {
  if (!STRUCTURED_ANSWERS.has(String(e.interaction)) || e.response?.status !== 200 || !e.response.body) return false;
  let bundle: Record<string, unknown>;
  try {
    bundle = JSON.parse(e.response.body) as Record<string, unknown>;
  } catch {
    return false;
  }
  const lists = ofType(bundle, 'List');
  if (!lists.length) return false;
  return el(
    'div',
    { class: 'structured-record' },
    el('h5', {}, 'Structured record'),
    lists.map((list) => {
      const items = listItems(bundle, list);
      return el(
        'section',
        { class: 'clinical-area' },
        el('h6', {}, String(list.title ?? shown(list.code))),
        items.length
          ? table(
              ['entry', 'what', 'status', 'date'],
              items.map((r) => [`${r.resourceType}/${r.id}`, what(r, bundle), status(r), when(r)]),
            )
          : el('p', {}, `empty: ${shown(list.emptyReason) || 'no emptyReason given'}`),
      );
    }),
  );
}
