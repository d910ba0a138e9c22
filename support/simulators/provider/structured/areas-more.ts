/**
 * Consultations, investigations, referrals, diary entries and uncategorised data (facts §5.8, §7; the GP
 * Connect 1.6.2 ARS pages accessrecord_structured_development_encounter.md, _diagnosticreport.md,
 * _referralrequest.md, _procedurerequest.md, _observation_uncategorised.md and _list.md for the
 * consultation/topic/heading Lists). Each area honours its part: a search period, most-recent-N or the
 * diary search date, unless the provider has lost the duty (the ARS fault modes).
 */
import { AREA_LISTS, type ClinicalArea } from '../../../gpconnect/structured-operation';
import type { ProviderContext } from '../context';
import type { PartValue } from './parameters';
import { moreRecordOf, type ConsultationRecord, type DatedEntry, type InvestigationRecord } from './record-more';
import { areaList, clinical, ref, snomed, type Authors, type Resource } from './resources';

type Parts = Record<string, PartValue>;
type Does = ProviderContext['does'];
export type MoreAreaBuilder = (nhsNumber: string, parts: Parts, authors: Authors, now: Date, does: Does) => Resource[];

/** List codes of the consultation structure (GPC-1.6.2 accessrecord_structured_development_list.md). */
const CONSULTATION_LIST = { code: '325851000000107', title: 'Consultation' };
const TOPIC_LIST = { code: '25851000000105', title: 'Topic (extended)' };
const HEADING_LIST = { code: '24781000000107', title: 'Category (extended)' };

/** A part's Period when the duty to apply it holds; nothing (no filtering) otherwise. */
function periodOf(parts: Parts, name: string, does: Does): { start?: string; end?: string } | undefined {
  const value = parts[name];
  return does(`apply ${name}` as Parameters<Does>[0]) && typeof value === 'object' ? value : undefined;
}

const within = (period: { start?: string; end?: string } | undefined) => (e: DatedEntry) =>
  !period || ((!period.start || e.date >= period.start) && (!period.end || e.date <= period.end));

const pr = (gp: Authors['gp']) => ({ reference: `Practitioner/${gp.id}` });

function observation(o: DatedEntry & { value: string }, { patient, gp }: Authors): Resource {
  return clinical('Observation', o.id, 'CareConnect-GPC-Observation-1', {
    status: 'final',
    code: snomed(o.code),
    subject: ref(patient),
    effectiveDateTime: o.date,
    issued: `${o.date}T09:00:00+00:00`,
    performer: [pr(gp)],
    valueString: o.value,
  });
}

/** A List inside a consultation (consultation, topic, heading): a snapshot of what sits under it. */
function innerList(id: string, list: { code: string; title: string }, authors: Authors, items: Resource[], extra = {}) {
  return { ...areaList(list, authors.patient, items, new Date(0)), id, ...extra } as Resource;
}

function consultation(c: ConsultationRecord, authors: Authors): Resource[] {
  const encounter = clinical('Encounter', c.id, 'CareConnect-GPC-Encounter-1', {
    status: 'finished',
    type: [snomed(c.code)],
    subject: ref(authors.patient),
    participant: [{ individual: pr(authors.gp) }],
    period: { start: c.date },
  });
  const finding = observation(c.finding, authors);
  const heading = innerList(`${c.id}-heading`, HEADING_LIST, authors, [finding], { date: c.date });
  const topic = innerList(`${c.id}-topic`, TOPIC_LIST, authors, [heading], { date: c.date });
  const list = innerList(`${c.id}-list`, CONSULTATION_LIST, authors, [topic], {
    date: c.date,
    encounter: ref(encounter),
  });
  return [encounter, list, topic, heading, finding];
}

function investigation(i: InvestigationRecord, authors: Authors): Resource[] {
  const specimen = clinical('Specimen', `${i.id}-specimen`, 'CareConnect-GPC-Specimen-1', {
    type: snomed(i.specimen),
    subject: ref(authors.patient),
    collection: { collectedDateTime: i.date },
  });
  const results = i.results.map((r) => ({ ...observation(r, authors), specimen: ref(specimen) }));
  const report = clinical('DiagnosticReport', i.id, 'CareConnect-GPC-DiagnosticReport-1', {
    status: 'final',
    code: snomed(i.code),
    subject: ref(authors.patient),
    issued: `${i.date}T12:00:00+00:00`,
    specimen: [ref(specimen)],
    result: results.map(ref),
  });
  return [report, specimen, ...results];
}

const referral = (r: DatedEntry, { patient, gp }: Authors) =>
  clinical('ReferralRequest', r.id, 'CareConnect-GPC-ReferralRequest-1', {
    status: 'unknown',
    intent: 'order',
    serviceRequested: [snomed(r.code)],
    subject: ref(patient),
    authoredOn: r.date,
    requester: { agent: pr(gp) },
  });

const diaryEntry = (d: DatedEntry, { patient, gp }: Authors) =>
  clinical('ProcedureRequest', d.id, 'CareConnect-GPC-ProcedureRequest-1', {
    status: 'active',
    intent: 'plan',
    code: snomed(d.code),
    subject: ref(patient),
    occurrenceDateTime: d.date,
    authoredOn: d.date,
    requester: { agent: pr(gp) },
  });

/** The area's List over the first resource of each group, then every group's resources. */
function answer(area: ClinicalArea, groups: Resource[][], authors: Authors, now: Date): Resource[] {
  const heads = groups.map((g) => g[0]);
  return [areaList(AREA_LISTS[area], authors.patient, heads, now), ...groups.flat()];
}

export const MORE_AREA_BUILDERS: Partial<Record<ClinicalArea, MoreAreaBuilder>> = {
  consultations: (nhs, parts, authors, now, does) => {
    const byDate = moreRecordOf(nhs)
      .consultations.filter(within(periodOf(parts, 'consultationSearchPeriod', does)))
      .slice()
      .sort((a, b) => b.date.localeCompare(a.date));
    const n = parts.includeNumberOfMostRecent;
    const kept = typeof n === 'number' && does('apply includeNumberOfMostRecent') ? byDate.slice(0, n) : byDate;
    return answer(
      'consultations',
      kept.map((c) => consultation(c, authors)),
      authors,
      now,
    );
  },
  investigations: (nhs, parts, authors, now, does) => {
    const kept = moreRecordOf(nhs).investigations.filter(within(periodOf(parts, 'investigationSearchPeriod', does)));
    return answer(
      'investigations',
      kept.map((i) => investigation(i, authors)),
      authors,
      now,
    );
  },
  referrals: (nhs, parts, authors, now, does) => {
    const kept = moreRecordOf(nhs).referrals.filter(within(periodOf(parts, 'referralSearchPeriod', does)));
    return answer(
      'referrals',
      kept.map((r) => [referral(r, authors)]),
      authors,
      now,
    );
  },
  diary: (nhs, parts, authors, now, does) => {
    const until = does('apply diaryEntriesSearchDate') ? parts.diaryEntriesSearchDate : undefined;
    // Diary entries on or before the search date (facts §5.8: the date is today or later).
    const kept = moreRecordOf(nhs).diary.filter((d) => typeof until !== 'string' || d.date <= until);
    return answer(
      'diary',
      kept.map((d) => [diaryEntry(d, authors)]),
      authors,
      now,
    );
  },
  uncategorised: (nhs, parts, authors, now, does) => {
    const period = periodOf(parts, 'uncategorisedDataSearchPeriod', does);
    const kept = moreRecordOf(nhs).uncategorised.filter(within(period));
    return answer(
      'uncategorised',
      kept.map((o) => [observation(o, authors)]),
      authors,
      now,
    );
  },
};
