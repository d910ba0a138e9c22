/**
 * The requirements catalogue as data. Scenarios carry these IDs as tags; failures name them; the reports
 * compute coverage from this list (a requirement with no scenario shows up as uncovered).
 */
import { ANSWER_RULES, EDGE_RULES } from './jwt/jwt-rules';
import { SSP_RULES } from './spine/ssp-rules';
import { TOPOLOGY_REQUIREMENTS } from './topology/requirements';
import { DEPTH_REQUIREMENTS } from './requirements-depth';
import { ARS_REQUIREMENTS } from './requirements-ars';

export type Hop = 'pds' | 'sds' | 'ssp' | 'provider' | 'config';

export interface Requirement {
  id: string;
  hop: Hop;
  text: string;
  source: string;
}

const WORKED_EXAMPLE: readonly Requirement[] = [
  {
    id: 'WE-1a',
    hop: 'pds',
    text: 'PDS returns 200 application/fhir+json with the Patient for the NHS number traced',
    source: 'facts §5.1',
  },
  {
    id: 'WE-1b',
    hop: 'pds',
    text: 'The Patient carries the NHS number under https://fhir.nhs.uk/Id/nhs-number with a valid check digit',
    source: 'facts §5.1',
  },
  {
    id: 'WE-1c',
    hop: 'pds',
    text: 'generalPractitioner holds exactly one ODS code (pattern ^[0-9A-Z]+$), the registered practice',
    source: 'facts §5.1',
  },
  { id: 'WE-1d', hop: 'pds', text: 'PDS mirrors X-Request-ID and X-Correlation-ID', source: 'facts §5.1' },
  {
    id: 'WE-2a',
    hop: 'sds',
    text: 'The Endpoint query by ODS code and interaction returns a searchset with exactly one Endpoint',
    source: 'facts §5.2, T13',
  },
  {
    id: 'WE-2b',
    hop: 'sds',
    text: 'Endpoint.address is a service root URL: the practice ODS code, STU3, a major version, no trailing slash',
    source: 'facts §1, T10',
  },
  { id: 'WE-2c', hop: 'sds', text: 'The Endpoint carries the MHS party key', source: 'facts §5.2' },
  {
    id: 'WE-2d',
    hop: 'sds',
    text: 'The Device query by ODS code, interaction and party key returns exactly one Device with a 12-digit ASID',
    source: 'facts §5.2, T13',
  },
  {
    id: 'WE-3a',
    hop: 'provider',
    text: 'GET {ssp}/{root}/metadata returns 200 with an STU3 (3.0.1) CapabilityStatement',
    source: 'facts §5.3',
  },
  {
    id: 'WE-3b',
    hop: 'provider',
    text: 'The CapabilityStatement offers JSON and XML, and the response carries Cache-Control: no-store',
    source: 'facts §2.5, §5.3',
  },
  {
    id: 'WE-3c',
    hop: 'ssp',
    text: 'The SSP refuses a target URL that is not byte-identical to the SDS root with 400 …VARIES_FROM_TARGETURL…',
    source: 'facts §2.1, §2.4',
  },
  {
    id: 'WE-3d',
    hop: 'ssp',
    text: 'The SSP refuses a sender with no data-sharing agreement with 403 FOT_CHECK_FAILED',
    source: 'facts §2.4, T3',
  },
  {
    id: 'WE-4a',
    hop: 'provider',
    text: 'A slot search within 14 days returns 200 with a searchset Bundle',
    source: 'facts §5.4',
  },
  {
    id: 'WE-4b',
    hop: 'provider',
    text: 'Every Slot returned is free and wholly inside the searched range',
    source: 'facts §5.4',
  },
  { id: 'WE-4c', hop: 'provider', text: "Every Slot's Schedule is included in the Bundle", source: 'facts §5.4' },
  {
    id: 'WE-4d',
    hop: 'provider',
    text: 'Every Slot has a delivery channel and UK local start/end times with an offset (never Z)',
    source: 'facts §5.4',
  },
  {
    id: 'WE-5a',
    hop: 'provider',
    text: 'Find patient by NHS number returns a searchset with exactly one Patient',
    source: 'facts §5.5',
  },
  {
    id: 'WE-5b',
    hop: 'provider',
    text: 'The Patient carries the traced NHS number with its verification-status extension',
    source: 'facts §5.5',
  },
  { id: 'WE-5c', hop: 'provider', text: 'The Patient has exactly one name with use official', source: 'facts §5.5' },
  {
    id: 'WE-6a',
    hop: 'provider',
    text: 'Booking a free slot returns 201 Created with a Location header',
    source: 'facts §5.6',
  },
  {
    id: 'WE-6b',
    hop: 'provider',
    text: 'The booked Appointment declares GPConnect-Appointment-1, is booked, and has Patient and Location participants',
    source: 'facts §5.6',
  },
  {
    id: 'WE-6c',
    hop: 'provider',
    text: 'Booking a slot that is already booked returns 409 DUPLICATE_REJECTED',
    source: 'facts §5.6',
  },
  { id: 'WE-6d', hop: 'provider', text: 'A booked slot is no longer offered as free', source: 'facts §5.6' },
  {
    id: 'FHIR-PROFILE',
    hop: 'provider',
    text: 'Every FHIR body received or sent conforms to its profile (GP Connect STU3; PDS/SDS R4 schemas)',
    source: 'facts §7, issue 3',
  },
  {
    id: 'WE-J1',
    hop: 'provider',
    text: 'The journey carries each value forward: ODS code to SDS, root and ASID to the SSP, slot and patient to the booking',
    source: 'facts §5',
  },
];

/**
 * The catalogue: the worked example's requirements plus every Spine-edge rule, taken from the rule table
 * itself so that adding a rule adds its requirement (and an uncovered rule shows up in the reports).
 */
export const REQUIREMENTS: readonly Requirement[] = [
  ...WORKED_EXAMPLE,
  ...DEPTH_REQUIREMENTS,
  ...ARS_REQUIREMENTS,
  ...[...EDGE_RULES, ...ANSWER_RULES].map((r) => ({
    id: r.id,
    hop: 'provider' as const,
    text: r.text,
    source: r.source,
  })),
  ...SSP_RULES.map((r) => ({ id: r.id, hop: 'ssp' as const, text: r.text, source: r.source })),
  ...TOPOLOGY_REQUIREMENTS,
];

const byId = new Map(REQUIREMENTS.map((r) => [r.id, r]));

export function requirement(id: string): Requirement | undefined {
  return byId.get(id);
}

/** Requirement IDs among a scenario's tags (`@WE-1a` → `WE-1a`). */
export function requirementTags(tags: readonly string[]): string[] {
  return tags.map((t) => t.replace(/^@/, '')).filter((t) => byId.has(t));
}
