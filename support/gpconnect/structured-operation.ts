/**
 * $gpc.getstructuredrecord as data (CON-ARS-PARAMETERS; OperationDefinition GPConnect-GetStructuredRecord-Operation-1
 * v1.16.0 in the 1.5.0 profile set): each clinical area's top-level parameter, its part parameters with
 * their FHIR types and rules, and the List that answers it (List.code and title from the GP Connect 1.6.2
 * ARS page "List.code", accessrecord_structured_development_list.md). The harness builds its request from
 * this table, the embedded provider parses with it, and the checks read which List answers which area.
 */
import { SYS } from '../spine/systems';

export const GET_STRUCTURED_RECORD_OPERATION =
  'https://fhir.nhs.uk/STU3/OperationDefinition/GPConnect-GetStructuredRecord-Operation-1';

export type PartType = 'boolean' | 'date' | 'Period' | 'positiveInt' | 'code';

/** Where a part's value sits in a Parameters.parameter.part (FHIR STU3 value[x]). */
export const VALUE_KEY: Record<PartType, string> = {
  boolean: 'valueBoolean',
  date: 'valueDate',
  Period: 'valuePeriod',
  positiveInt: 'valuePositiveInt',
  code: 'valueCode',
};

export interface PartRule {
  type: PartType;
  /** 1..1 once the area is requested (includeResolvedAllergies, ARS-ALLERGIES). */
  required?: true;
  /** A date (or a Period's start) that must not be after today. */
  notFuture?: true;
  /** A date that must not be before today (diary entries are searched forwards). */
  notPast?: true;
  codes?: readonly string[];
}

export type ClinicalArea =
  | 'allergies'
  | 'medication'
  | 'consultations'
  | 'problems'
  | 'immunisations'
  | 'uncategorised'
  | 'investigations'
  | 'referrals'
  | 'diary';

export interface AreaParameter {
  area: ClinicalArea;
  name: string;
  parts: Readonly<Record<string, PartRule>>;
  /** Parts that must not be sent together: 422 INVALID_RESOURCE (ARS-INVALID-RESOURCE). */
  exclusive?: readonly [string, string];
}

export const AREA_PARAMETERS: readonly AreaParameter[] = [
  {
    area: 'allergies',
    name: 'includeAllergies',
    parts: { includeResolvedAllergies: { type: 'boolean', required: true } },
  },
  {
    area: 'medication',
    name: 'includeMedication',
    parts: {
      includePrescriptionIssues: { type: 'boolean' },
      medicationSearchFromDate: { type: 'date', notFuture: true },
    },
  },
  {
    area: 'consultations',
    name: 'includeConsultations',
    parts: {
      consultationSearchPeriod: { type: 'Period', notFuture: true },
      includeNumberOfMostRecent: { type: 'positiveInt' },
    },
    exclusive: ['consultationSearchPeriod', 'includeNumberOfMostRecent'],
  },
  {
    area: 'problems',
    name: 'includeProblems',
    parts: {
      filterStatus: { type: 'code', codes: ['active', 'inactive'] },
      filterSignificance: { type: 'code', codes: ['major', 'minor'] },
    },
  },
  {
    area: 'immunisations',
    name: 'includeImmunisations',
    parts: { includeNotGiven: { type: 'boolean' }, includeStatus: { type: 'boolean' } },
  },
  {
    area: 'uncategorised',
    name: 'includeUncategorisedData',
    parts: { uncategorisedDataSearchPeriod: { type: 'Period', notFuture: true } },
  },
  {
    area: 'investigations',
    name: 'includeInvestigations',
    parts: { investigationSearchPeriod: { type: 'Period', notFuture: true } },
  },
  { area: 'referrals', name: 'includeReferrals', parts: { referralSearchPeriod: { type: 'Period', notFuture: true } } },
  { area: 'diary', name: 'includeDiaryEntries', parts: { diaryEntriesSearchDate: { type: 'date', notPast: true } } },
];

/** The areas whose presence forbids the filtering parts of every other area (ARS-INVALID-PARAMETER). */
export const FILTER_EXCLUSIVE_AREAS: readonly ClinicalArea[] = ['consultations', 'problems'];

export interface AreaList {
  code: string;
  title: string;
}

/** The List that answers each area; allergies have a second, for ended (resolved) allergies. */
export const AREA_LISTS: Readonly<Record<ClinicalArea, AreaList>> = {
  allergies: { code: '886921000000105', title: 'Allergies and adverse reaction' },
  medication: { code: '933361000000108', title: 'Medications and medical devices' },
  consultations: { code: '1149501000000101', title: 'List of consultations' },
  problems: { code: '717711000000103', title: 'Problems' },
  immunisations: { code: '1102181000000102', title: 'Immunisations' },
  uncategorised: { code: '826501000000100', title: 'Miscellaneous record' },
  investigations: { code: '887191000000108', title: 'Investigations and Results' },
  referrals: { code: '792931000000107', title: 'Outbound referral' },
  diary: { code: '714311000000108', title: 'Patient recall administration' },
};

export const ENDED_ALLERGIES_LIST: AreaList = { code: '1103671000000101', title: 'Ended allergies' };

export const areaParameter = (area: ClinicalArea): AreaParameter => AREA_PARAMETERS.find((p) => p.area === area)!;

export type PartValues = Record<string, boolean | string | number | { start?: string; end?: string }>;

/** One area to ask for, with the part values to send (none: the bare include, which is legal). */
export interface AreaRequest {
  area: ClinicalArea;
  parts?: PartValues;
}

/** The Parameters body of a get structured record request, built from the table. */
export function structuredRecordParameters(nhsNumber: string, areas: readonly AreaRequest[]) {
  return {
    resourceType: 'Parameters',
    parameter: [
      { name: 'patientNHSNumber', valueIdentifier: { system: SYS.nhsNumber, value: nhsNumber } },
      ...areas.map(({ area, parts }) => {
        const p = areaParameter(area);
        // A part the table does not know goes as a string: how an unrecognised part is probed.
        const sent = Object.entries(parts ?? {}).map(([name, value]) => {
          const rule = p.parts[name];
          return { name, [rule ? VALUE_KEY[rule.type] : 'valueString']: value };
        });
        return { name: p.name, ...(sent.length ? { part: sent } : {}) };
      }),
    ],
  };
}
