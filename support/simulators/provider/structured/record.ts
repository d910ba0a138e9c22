/**
 * The fixture patients' GP records for Access Record Structured, written by us as data (SNOMED CT codes and
 * displays for real concepts; the people are fictitious). The worked example's patient has something in
 * each implemented area, with dates either side of the filters the features use (a medication ended in
 * 2016 and one started in 2024; an allergy that ended; an inactive problem; a vaccination not given); the
 * second practice's patient has nothing recorded, so every area answers with its empty List.
 */

export interface Coded {
  code: string;
  display: string;
}

export interface AllergyRecord {
  id: string;
  category: 'medication' | 'food';
  code: Coded;
  reaction: Coded;
  asserted: string;
  /** A resolved allergy: in the "Ended allergies" List only when includeResolvedAllergies is true. */
  ended?: { date: string; reason: string };
}

export interface MedicationRecord {
  id: string;
  drug: Coded;
  prescriptionType: 'acute' | 'repeat';
  dosage: string;
  start: string;
  end?: string;
  /** Dates of the prescriptions issued (MedicationRequest intent order), when includePrescriptionIssues. */
  issues: readonly string[];
}

export interface ProblemRecord {
  id: string;
  code: Coded;
  status: 'active' | 'inactive';
  significance: 'major' | 'minor';
  onset: string;
  abatement?: string;
  /**
   * Immunisation records this problem is about (Condition extension relatedClinicalContent; its 1.5.0
   * targets are Immunization, Observation, Specimen, AllergyIntolerance, ProcedureRequest, List, Encounter).
   */
  relatedImmunisations: readonly string[];
}

export interface ImmunisationRecord {
  id: string;
  vaccine: Coded;
  procedure: Coded;
  targetDisease: Coded;
  date: string;
  /** Recorded as not given, with the reason: returned only when includeNotGiven is true. */
  notGiven?: Coded;
}

export interface ClinicalRecord {
  allergies: readonly AllergyRecord[];
  medications: readonly MedicationRecord[];
  problems: readonly ProblemRecord[];
  immunisations: readonly ImmunisationRecord[];
}

const NOTHING_RECORDED: ClinicalRecord = { allergies: [], medications: [], problems: [], immunisations: [] };

const ANTHONY_TESTER: ClinicalRecord = {
  allergies: [
    {
      id: 'allergy-penicillin',
      category: 'medication',
      code: { code: '91936005', display: 'Allergy to penicillin' },
      reaction: { code: '271807003', display: 'Eruption of skin' },
      asserted: '2012-03-14',
    },
    {
      id: 'allergy-peanut',
      category: 'food',
      code: { code: '91935009', display: 'Allergy to peanut' },
      reaction: { code: '39579001', display: 'Anaphylaxis' },
      asserted: '2018-07-02',
    },
    {
      id: 'allergy-aspirin-ended',
      category: 'medication',
      code: { code: '293586001', display: 'Allergy to aspirin' },
      reaction: { code: '422400008', display: 'Vomiting' },
      asserted: '2009-05-07',
      ended: { date: '2019-06-01', reason: 'No reaction on rechallenge' },
    },
  ],
  medications: [
    {
      id: 'med-amoxicillin',
      drug: { code: '323509004', display: 'Amoxicillin 250mg capsules' },
      prescriptionType: 'acute',
      dosage: 'One capsule three times a day',
      start: '2016-02-10',
      end: '2016-02-17',
      issues: ['2016-02-10'],
    },
    {
      id: 'med-amlodipine',
      drug: { code: '319283006', display: 'Amlodipine 5mg tablets' },
      prescriptionType: 'repeat',
      dosage: 'One tablet daily',
      start: '2021-03-01',
      issues: ['2021-03-01', '2021-09-01', '2022-03-01'],
    },
    {
      id: 'med-paracetamol',
      drug: { code: '322236009', display: 'Paracetamol 500mg tablets' },
      prescriptionType: 'acute',
      dosage: 'One or two tablets up to four times a day',
      start: '2024-11-04',
      end: '2024-11-18',
      issues: ['2024-11-04'],
    },
  ],
  problems: [
    {
      id: 'problem-asthma',
      code: { code: '195967001', display: 'Asthma' },
      status: 'active',
      significance: 'major',
      onset: '1988-05-01',
      relatedImmunisations: ['imm-flu-2023'],
    },
    {
      id: 'problem-forearm-fracture',
      code: { code: '65966004', display: 'Fracture of forearm' },
      status: 'inactive',
      significance: 'minor',
      onset: '2010-01-05',
      abatement: '2010-03-01',
      relatedImmunisations: [],
    },
  ],
  immunisations: [
    {
      id: 'imm-flu-2023',
      vaccine: { code: '46233009', display: 'Influenza virus vaccine' },
      procedure: { code: '822851000000102', display: 'Seasonal influenza vaccination' },
      targetDisease: { code: '6142004', display: 'Influenza' },
      date: '2023-10-05',
    },
    {
      id: 'imm-tetanus',
      vaccine: { code: '333621002', display: 'Tetanus vaccine' },
      procedure: { code: '76668005', display: 'Tetanus vaccination' },
      targetDisease: { code: '76902006', display: 'Tetanus' },
      date: '2012-08-20',
    },
    {
      id: 'imm-shingles-declined',
      vaccine: { code: '871751006', display: 'Varicella-zoster virus antigen-containing vaccine' },
      procedure: { code: '722215002', display: 'Shingles vaccination' },
      targetDisease: { code: '4740000', display: 'Herpes zoster' },
      date: '2024-09-12',
      notGiven: { code: '591000119102', display: 'Vaccine refused by patient' },
    },
  ],
};

/** By NHS number: the records the embedded practices hold. */
export const CLINICAL_RECORDS: Readonly<Record<string, ClinicalRecord>> = {
  '9000000084': ANTHONY_TESTER,
  '9000000017': NOTHING_RECORDED,
};

/** Patients who have dissented from sharing their record: 403 NO_PATIENT_CONSENT ('Retrieve a patient record'). */
export const DISSENTING_NHS_NUMBERS: ReadonlySet<string> = new Set(['9000000106']);

/**
 * Patients this practice will not return (facts §5.8: 404 PATIENT_NOT_FOUND): a registration no longer
 * active, or an NHS number whose verification status is not 01 (verified).
 */
export const WITHHELD_NHS_NUMBERS: Readonly<Record<string, 'inactive' | 'unverified'>> = {
  '9000000130': 'inactive',
  '9000000149': 'unverified',
};

export const recordOf = (nhsNumber: string): ClinicalRecord => CLINICAL_RECORDS[nhsNumber] ?? NOTHING_RECORDED;
