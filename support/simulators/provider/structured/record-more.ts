/**
 * The worked example patient's consultations, investigations, referrals, diary entries and uncategorised
 * data (SNOMED CT codes for real concepts; the people are fictitious). Dates sit either side of the filters
 * the features use: something before 2020 and something after in each dated area, two diary entries either
 * side of today, so every search period, most-recent-N and search date visibly filters.
 */
import type { Coded } from './record';

export interface DatedEntry {
  id: string;
  code: Coded;
  /** The date the area's filter reads (Encounter.period.start, issued, authoredOn, occurrence, effective). */
  date: string;
}

export interface ConsultationRecord extends DatedEntry {
  /** What was recorded under the consultation's one topic and heading: an uncategorised observation. */
  finding: DatedEntry & { value: string };
}

export interface InvestigationRecord extends DatedEntry {
  specimen: Coded;
  results: readonly (DatedEntry & { value: string })[];
}

export interface MoreRecord {
  consultations: readonly ConsultationRecord[];
  investigations: readonly InvestigationRecord[];
  referrals: readonly DatedEntry[];
  diary: readonly DatedEntry[];
  uncategorised: readonly (DatedEntry & { value: string })[];
}

export const NOTHING_MORE: MoreRecord = {
  consultations: [],
  investigations: [],
  referrals: [],
  diary: [],
  uncategorised: [],
};

const ANTHONY_TESTER_MORE: MoreRecord = {
  consultations: [
    {
      id: 'consultation-2015',
      code: { code: '185317003', display: 'Telephone encounter' },
      date: '2015-06-10',
      finding: {
        id: 'obs-consultation-2015',
        code: { code: '162864005', display: 'Body mass index 30+ - obesity' },
        date: '2015-06-10',
        value: 'BMI 31',
      },
    },
    {
      id: 'consultation-2022',
      code: { code: '185345009', display: 'Encounter for symptom' },
      date: '2022-04-12',
      finding: {
        id: 'obs-consultation-2022',
        code: { code: '49727002', display: 'Cough' },
        date: '2022-04-12',
        value: 'Dry cough for two weeks',
      },
    },
    {
      id: 'consultation-2024',
      code: { code: '185389009', display: 'Follow-up visit' },
      date: '2024-10-01',
      finding: {
        id: 'obs-consultation-2024',
        code: { code: '75367002', display: 'Blood pressure' },
        date: '2024-10-01',
        value: '132/84 mmHg',
      },
    },
  ],
  investigations: [
    {
      id: 'report-fbc-2017',
      code: { code: '26604007', display: 'Full blood count' },
      date: '2017-05-03',
      specimen: { code: '119297000', display: 'Blood specimen' },
      results: [
        {
          id: 'result-hb-2017',
          code: { code: '271026005', display: 'Haemoglobin concentration' },
          date: '2017-05-03',
          value: '138 g/L',
        },
      ],
    },
    {
      id: 'report-hba1c-2023',
      code: { code: '1010681000000101', display: 'HbA1c level' },
      date: '2023-11-20',
      specimen: { code: '119297000', display: 'Blood specimen' },
      results: [
        {
          id: 'result-hba1c-2023',
          code: { code: '1049301000000100', display: 'HbA1c level (DCCT aligned)' },
          date: '2023-11-20',
          value: '41 mmol/mol',
        },
      ],
    },
  ],
  referrals: [
    {
      id: 'referral-physio-2014',
      code: { code: '183545006', display: 'Referral to physiotherapist' },
      date: '2014-02-01',
    },
    {
      id: 'referral-cardio-2023',
      code: { code: '183519002', display: 'Referral to cardiology service' },
      date: '2023-06-15',
    },
  ],
  diary: [
    {
      id: 'diary-asthma-review',
      code: { code: '270442000', display: 'Asthma monitoring check done' },
      date: '2020-01-15',
    },
    { id: 'diary-bp-recall', code: { code: '185665008', display: 'Blood pressure recall' }, date: '2099-01-15' },
  ],
  uncategorised: [
    { id: 'obs-weight-2013', code: { code: '27113001', display: 'Body weight' }, date: '2013-09-09', value: '72 kg' },
    {
      id: 'obs-smoker-2024',
      code: { code: '8517006', display: 'Ex-smoker' },
      date: '2024-02-02',
      value: 'Stopped 2019',
    },
  ],
};

/** By NHS number, as CLINICAL_RECORDS: anyone else has nothing recorded in these areas. */
export const moreRecordOf = (nhsNumber: string): MoreRecord =>
  nhsNumber === '9000000084' ? ANTHONY_TESTER_MORE : NOTHING_MORE;
