/**
 * The documents the embedded provider holds (Access Document, DOC-* records): several per fixture patient,
 * of different types, authoring organisations, care settings, dates and sizes. One is over the 5 MB the
 * documents guidance lets a provider return directly, so it is served only as a placeholder (DOC-ATTACHMENT);
 * the largest retrievable one is what the streaming measure retrieves.
 */
import { createHash } from 'node:crypto';

const SNOMED = 'http://snomed.info/sct';

/**
 * Kinds of document as SNOMED CT record artifacts (the guidance recommends refset 1127551000000109; that the
 * refset holds these three is not checked here, the type search only needs distinct codes).
 */
export const DOCUMENT_TYPES = {
  dischargeSummary: { system: SNOMED, code: '373942005', display: 'Discharge summary' },
  consultationReport: { system: SNOMED, code: '371530004', display: 'Clinical consultation report' },
  imagingReport: { system: SNOMED, code: '4201000179104', display: 'Imaging report' },
} as const;

/** Care settings (context.practiceSetting), as the facility parameter matches them. */
export const CARE_SETTINGS = {
  generalPractice: { system: SNOMED, code: '394814009', display: 'General practice' },
  hospital: { system: SNOMED, code: '394802001', display: 'General medicine' },
  dermatology: { system: SNOMED, code: '394582007', display: 'Dermatology' },
} as const;

/** An organisation outside the practice that authored documents (an externally generated document). */
export const EXTERNAL_AUTHOR = { ods: 'RTT01', name: 'Testtown General Hospital' } as const;

/** Documents over this size are not retrievable, only described (documents guidance, File size). */
export const DIRECT_RETRIEVAL_LIMIT_BYTES = 5 * 1024 * 1024;

export interface DocumentRecord {
  id: string;
  nhsNumber: string;
  description: string;
  type: { system: string; code: string; display: string };
  practiceSetting: { system: string; code: string; display: string };
  /** ODS code of the authoring organisation: the practice itself, or EXTERNAL_AUTHOR. */
  authorOds: string;
  created: string;
  indexed: string;
  contentType: string;
  size: number;
}

export const DOCUMENTS: readonly DocumentRecord[] = [
  {
    id: 'doc-1',
    nhsNumber: '9000000084',
    description: 'Discharge summary after knee arthroscopy',
    type: DOCUMENT_TYPES.dischargeSummary,
    practiceSetting: CARE_SETTINGS.hospital,
    authorOds: EXTERNAL_AUTHOR.ods,
    created: '2021-03-14T10:20:00+00:00',
    indexed: '2021-03-15T09:00:00+00:00',
    contentType: 'application/pdf',
    size: 18_432,
  },
  {
    id: 'doc-2',
    nhsNumber: '9000000084',
    description: 'Outpatient letter, dermatology',
    type: DOCUMENT_TYPES.consultationReport,
    practiceSetting: CARE_SETTINGS.dermatology,
    authorOds: EXTERNAL_AUTHOR.ods,
    created: '2022-07-01T14:05:00+01:00',
    indexed: '2022-07-04T08:30:00+01:00',
    contentType: 'text/plain',
    size: 2_048,
  },
  {
    id: 'doc-3',
    nhsNumber: '9000000084',
    description: 'Scanned referral letter',
    type: DOCUMENT_TYPES.consultationReport,
    practiceSetting: CARE_SETTINGS.generalPractice,
    authorOds: 'T99999',
    created: '2023-11-20T11:00:00+00:00',
    indexed: '2023-11-20T11:10:00+00:00',
    contentType: 'image/tiff',
    size: 3 * 1024 * 1024,
  },
  {
    id: 'doc-4',
    nhsNumber: '9000000084',
    description: 'Imaging series (too large to send)',
    type: DOCUMENT_TYPES.imagingReport,
    practiceSetting: CARE_SETTINGS.hospital,
    authorOds: EXTERNAL_AUTHOR.ods,
    created: '2024-02-02T16:45:00+00:00',
    indexed: '2024-02-05T10:00:00+00:00',
    contentType: 'image/jpeg',
    size: 6 * 1024 * 1024,
  },
  {
    id: 'doc-5',
    nhsNumber: '9000000017',
    description: 'Practice letter',
    type: DOCUMENT_TYPES.consultationReport,
    practiceSetting: CARE_SETTINGS.generalPractice,
    authorOds: 'A20047',
    created: '2022-01-10T09:00:00+00:00',
    indexed: '2022-01-10T09:05:00+00:00',
    contentType: 'application/pdf',
    size: 4_096,
  },
];

export const isRetrievable = (d: DocumentRecord) => d.size <= DIRECT_RETRIEVAL_LIMIT_BYTES;

/** The largest document a consumer may retrieve: what the streaming measure fetches. */
export const LARGEST_RETRIEVABLE = DOCUMENTS.filter(isRetrievable).reduce((a, b) => (b.size > a.size ? b : a));

/** A document's bytes: a deterministic pattern of its size, so its sha256 is stable. */
export function documentBytes(d: DocumentRecord): Buffer {
  const seed = Buffer.from(`${d.id} ${d.description}\n`);
  const bytes = Buffer.alloc(d.size);
  for (let at = 0; at < d.size; at += seed.length) seed.copy(bytes, at);
  return bytes;
}

export const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
