/**
 * The Access Record Structured faults (support/domain/behaviours/ars.ts, 'Service root URL', 'Cross-organisation audit and provenance', 'Retrieve a patient record', 'Error handling'): each makes
 * one thing about the structured root, its lookup or its record wrong.
 */
import { without, type FaultMode } from '../fault-points';
import { GpcError, invalidParameter } from '../provider/outcomes';
import { SPINE } from '../../domain/spine-codes';

type Json = Record<string, unknown>;
type Resource = Json & { resourceType: string; id: string };

/** A real fixture number, not the requested one: what provider-ars-other-patient puts on the Patient. */
const OTHER_NHS_NUMBER = '9000000017';

/** Each resource of `type` through `spoil`; the rest as they were. */
const spoilEach =
  (type: string, spoil: (r: Resource) => Resource) =>
  (resources: readonly Resource[]): Resource[] =>
    resources.map((r) => (r.resourceType === type ? spoil(r) : r));

/** A refusal of `code` reworded as 422 INVALID_PARAMETER, the code a conformant provider would not use here. */
const asInvalidParameter =
  (code: GpcError['code']) =>
  (err: GpcError): GpcError =>
    err.code === code ? invalidParameter(err.message) : err;

export const ARS_FAULTS = [
  {
    id: 'sds-appointments-root-for-structured',
    hop: 'sds',
    description: 'SDS returns the appointments root for the structured interactions',
    breaks: ['ARS-SDS'],
    // T11 the other way: the appointments root given for an Access Record Structured interaction.
    effects: {
      'sds.endpoint': (e) => ({ ...e, address: String(e.address).replace(/\/gpconnect\/structured$/, '/gpconnect') }),
    },
  },
  {
    id: 'provider-ars-metadata-1.5',
    hop: 'provider',
    description: "The structured root's CapabilityStatement declares version 1.5.0 on a 1.6 provider",
    breaks: ['ARS-METADATA'],
    effects: {
      'provider.capability-statement': (cs) =>
        String(cs.version).startsWith('1.6.') ? { ...cs, version: '1.5.0' } : cs,
    },
  },
  {
    id: 'provider-ars-searchset',
    hop: 'provider',
    description: 'The structured record Bundle is a searchset, not a collection',
    breaks: ['ARS-BUNDLE'],
    effects: { 'provider.structured-bundle': (bundle) => ({ ...bundle, type: 'searchset' }) },
  },
  {
    id: 'provider-ars-bundle-id',
    hop: 'provider',
    description: 'The structured record Bundle carries an id and meta.versionId',
    breaks: ['ARS-BUNDLE'],
    effects: {
      'provider.structured-bundle': (bundle) => ({
        resourceType: bundle.resourceType,
        id: 'structured-record-1',
        ...bundle,
        meta: { versionId: '1', ...(bundle.meta as Json) },
      }),
    },
  },
  {
    id: 'provider-ars-other-patient',
    hop: 'provider',
    description: "The structured record's Patient carries another NHS number",
    breaks: ['ARS-PATIENT'],
    effects: {
      'provider.structured-resources': spoilEach('Patient', (p) => ({
        ...p,
        identifier: (p.identifier as Json[]).map((i) => ({ ...i, value: OTHER_NHS_NUMBER })),
      })),
    },
  },
  {
    id: 'provider-ars-dangling-reference',
    hop: 'provider',
    description: 'Each List names a Patient that is not in the Bundle',
    breaks: ['ARS-REFERENCES'],
    effects: {
      'provider.structured-resources': spoilEach('List', (l) => ({
        ...l,
        subject: { reference: 'Patient/not-in-this-bundle' },
      })),
    },
  },
  {
    id: 'provider-ars-unrequested-area',
    hop: 'provider',
    description: 'The immunisations List is returned whether asked for or not',
    breaks: ['ARS-AREAS'],
    effects: {
      'provider.structured-areas': (areas) =>
        areas.has('immunisations') ? areas : new Map([...areas, ['immunisations', {}]]),
    },
  },
  {
    id: 'provider-ars-empty-no-reason',
    hop: 'provider',
    description: 'An empty List has no emptyReason',
    breaks: ['ARS-EMPTY'],
    effects: {
      'provider.structured-resources': spoilEach('List', (l) => {
        const { emptyReason: _dropped, ...rest } = l;
        return rest as Resource;
      }),
    },
  },
  {
    id: 'provider-ars-resolved-always',
    hop: 'provider',
    description: 'Resolved allergies are returned even with includeResolvedAllergies false',
    breaks: ['ARS-ALLERGIES'],
    effects: { 'provider.duties': without('apply includeResolvedAllergies') },
  },
  {
    id: 'provider-ars-ignores-medication-date',
    hop: 'provider',
    description: 'medicationSearchFromDate is ignored',
    breaks: ['ARS-MEDICATION'],
    effects: { 'provider.duties': without('apply medicationSearchFromDate') },
  },
  {
    id: 'provider-ars-ignores-problem-status',
    hop: 'provider',
    description: 'filterStatus is ignored',
    breaks: ['ARS-PROBLEMS'],
    effects: { 'provider.duties': without('apply filterStatus') },
  },
  {
    id: 'provider-ars-not-given-always',
    hop: 'provider',
    description: 'Immunisations not given are returned without includeNotGiven',
    breaks: ['ARS-IMMUNISATIONS'],
    effects: { 'provider.duties': without('apply includeNotGiven') },
  },
  {
    id: 'provider-ars-ignores-consultation-period',
    hop: 'provider',
    description: 'consultationSearchPeriod is ignored',
    breaks: ['ARS-CONSULTATIONS'],
    effects: { 'provider.duties': without('apply consultationSearchPeriod') },
  },
  {
    id: 'provider-ars-ignores-most-recent',
    hop: 'provider',
    description: 'includeNumberOfMostRecent is ignored',
    breaks: ['ARS-CONSULTATIONS'],
    effects: { 'provider.duties': without('apply includeNumberOfMostRecent') },
  },
  {
    id: 'provider-ars-ignores-investigation-period',
    hop: 'provider',
    description: 'investigationSearchPeriod is ignored',
    breaks: ['ARS-INVESTIGATIONS'],
    effects: { 'provider.duties': without('apply investigationSearchPeriod') },
  },
  {
    id: 'provider-ars-ignores-referral-period',
    hop: 'provider',
    description: 'referralSearchPeriod is ignored',
    breaks: ['ARS-REFERRALS'],
    effects: { 'provider.duties': without('apply referralSearchPeriod') },
  },
  {
    id: 'provider-ars-ignores-diary-date',
    hop: 'provider',
    description: 'diaryEntriesSearchDate is ignored',
    breaks: ['ARS-DIARY'],
    effects: { 'provider.duties': without('apply diaryEntriesSearchDate') },
  },
  {
    id: 'provider-ars-ignores-uncategorised-period',
    hop: 'provider',
    description: 'uncategorisedDataSearchPeriod is ignored',
    breaks: ['ARS-UNCATEGORISED'],
    effects: { 'provider.duties': without('apply uncategorisedDataSearchPeriod') },
  },
  {
    id: 'provider-ars-migrate-filtered',
    hop: 'provider',
    description: 'Migrate structured record leaves out ended allergies and vaccinations not given',
    breaks: ['ARS-MIGRATE'],
    effects: { 'provider.duties': without('migrate the full record') },
  },
  {
    id: 'provider-ars-no-unrecognised-warning',
    hop: 'provider',
    description: 'Unrecognised parameters are ignored without a warning',
    breaks: ['ARS-UNRECOGNISED'],
    effects: { 'provider.duties': without('warn of unrecognised parameters') },
  },
  {
    id: 'provider-ars-lenient-parameters',
    hop: 'provider',
    description: 'Invalid part values (missing, future, inverted, forbidden combinations) are accepted',
    breaks: ['ARS-INVALID-PARAMETER'],
    effects: { 'provider.duties': without('check structured parameter values') },
  },
  {
    id: 'provider-ars-resource-as-parameter',
    hop: 'provider',
    description: `A body that is no valid Parameters is refused 422 ${SPINE.INVALID_PARAMETER} instead of ${SPINE.INVALID_RESOURCE}`,
    breaks: ['ARS-INVALID-RESOURCE'],
    effects: { 'provider.structured-refusal': asInvalidParameter(SPINE.INVALID_RESOURCE) },
  },
  {
    id: 'provider-ars-nhs-number-422',
    hop: 'provider',
    description: `An invalid NHS number is refused 422 ${SPINE.INVALID_PARAMETER} instead of 400 ${SPINE.INVALID_NHS_NUMBER}`,
    breaks: ['ARS-NHS-NUMBER'],
    effects: { 'provider.structured-refusal': asInvalidParameter(SPINE.INVALID_NHS_NUMBER) },
  },
  {
    id: 'provider-ars-returns-deceased',
    hop: 'provider',
    description: "A deceased patient's record is returned",
    breaks: ['ARS-NOT-FOUND'],
    effects: { 'provider.duties': without('refuse a deceased patient') },
  },
  {
    id: 'provider-ars-returns-inactive',
    hop: 'provider',
    description: "An inactive patient's record is returned",
    breaks: ['ARS-NOT-FOUND'],
    effects: { 'provider.duties': without('refuse an inactive patient') },
  },
  {
    id: 'provider-ars-returns-unverified',
    hop: 'provider',
    description: 'The record of a patient with an unverified NHS number is returned',
    breaks: ['ARS-NOT-FOUND'],
    effects: { 'provider.duties': without('refuse an unverified patient') },
  },
  {
    id: 'provider-ars-returns-registered-elsewhere',
    hop: 'provider',
    description: 'The record of a patient registered at another practice is returned',
    breaks: ['ARS-NOT-FOUND'],
    effects: { 'provider.duties': without('refuse a patient registered elsewhere') },
  },
  {
    id: 'provider-ars-ignores-dissent',
    hop: 'provider',
    description: "A dissenting patient's record is returned",
    breaks: ['ARS-CONSENT'],
    effects: { 'provider.duties': without('refuse a dissenting patient') },
  },
  {
    id: 'provider-ars-serves-when-disabled',
    hop: 'provider',
    description: 'A practice with Access Record Structured switched off serves the record anyway',
    breaks: ['ARS-DISABLED'],
    effects: { 'provider.duties': without('refuse where the practice has switched structured off') },
  },
  {
    id: 'provider-ars-any-root',
    hop: 'provider',
    description: 'The appointments root serves get structured record too',
    breaks: ['ARS-T11'],
    effects: {
      'provider.served-capability': (capability, { getsStructuredRecord }) =>
        getsStructuredRecord ? 'structured' : capability,
    },
  },
  {
    id: 'provider-ars-jwt-1.2',
    hop: 'provider',
    description: 'The structured root applies the 1.2 JWT rules, refusing a conf/N scope',
    breaks: ['ARS-JWT-1.6'],
    effects: { 'provider.jwt-variant': () => 'gpc-1.2' },
  },
] as const satisfies readonly FaultMode[];
