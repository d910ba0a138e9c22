/**
 * Writes the Access Document part of the wrong-instance corpus (test/fixtures/invalid/doc-*.json): each case
 * is a DocumentReference of the embedded provider's search answer, or that answer's searchset, with exactly
 * one thing made wrong, and the issue validation must raise for it. A DocumentReference is held to
 * CareConnect-GPC-DocumentReference-1 (1.5.0 set: compiled from the transcribed differential in
 * scripts/profile-inputs/ on the STU3 core definition); the cases after the core ones break a rule only the
 * profile states. The script refuses to write a case the validator does not reject as declared.
 *
 *   npx tsx scripts/documents-corpus.ts
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { del, set, type Case } from './ars-corpus';
import { documentSearchQuery } from '../support/gpconnect/document-query';
import { validate, validateExchangeBody } from '../support/fhir/validator';
import { PRACTICES } from '../support/simulators/fixtures/estate';
import { Faults } from '../support/simulators/faults';
import { dutiesOf } from '../support/simulators/provider/context';
import { searchDocuments } from '../support/simulators/provider/documents';
import { createState } from '../support/simulators/provider/state';

type Json = Record<string, any>;
const OUT = resolve(__dirname, '..', 'test', 'fixtures', 'invalid');
const ROOT = 'https://provider.gpc-assure.invalid/T99999/STU3/1/gpconnect/documents';

/** The embedded provider's answer to a search of the registered patient's documents. */
export function validSearch(): Json {
  const faults = new Faults();
  const ctx = {
    req: { method: 'GET', path: '', headers: {}, query: new URLSearchParams(documentSearchQuery()), body: '' },
    practice: PRACTICES.find((p) => p.ods === 'T99999'),
    serviceRoot: ROOT,
    id: 'pat-9000000084',
    state: createState(),
    faults,
    does: dutiesOf(faults),
    now: new Date('2025-06-02T09:00:00Z'),
  };
  return searchDocuments(ctx as never).body as Json;
}

const attachment = (r: Json) => r.content[0].attachment as Json;

const crossCareSetting = (r: Json) =>
  (r.identifier as Json[]).find((i) => i.system === 'https://fhir.nhs.uk/Id/cross-care-setting-identifier')!;
const typeCoding = (r: Json) => r.type.coding[0] as Json;

const CASES: Case[] = [
  {
    name: 'no-status',
    description: 'status is 1..1',
    from: 'doc-1',
    breakIt: del('status'),
    rule: 'cardinality',
    location: 'DocumentReference.status',
  },
  {
    name: 'status-unknown',
    description: 'status is bound (required) to document-reference-status',
    from: 'doc-1',
    breakIt: set('status', 'latest'),
    rule: 'binding',
    location: 'DocumentReference.status',
  },
  {
    name: 'no-type',
    description: 'type is 1..1',
    from: 'doc-1',
    breakIt: del('type'),
    rule: 'cardinality',
    location: 'DocumentReference.type',
  },
  {
    name: 'no-indexed',
    description: 'indexed is 1..1',
    from: 'doc-2',
    breakIt: del('indexed'),
    rule: 'cardinality',
    location: 'DocumentReference.indexed',
  },
  {
    name: 'indexed-date-only',
    description: 'indexed is an instant',
    from: 'doc-2',
    breakIt: set('indexed', '2022-07-04'),
    rule: 'type',
    location: 'DocumentReference.indexed',
  },
  {
    name: 'created-not-a-date',
    description: 'created is a dateTime',
    from: 'doc-2',
    breakIt: set('created', 'last July'),
    rule: 'type',
    location: 'DocumentReference.created',
  },
  {
    name: 'no-content',
    description: 'content is 1..*',
    from: 'doc-3',
    breakIt: del('content'),
    rule: 'cardinality',
    location: 'DocumentReference.content',
  },
  {
    name: 'size-as-text',
    description: 'content.attachment.size is an unsignedInt',
    from: 'doc-3',
    breakIt: (r) => (attachment(r).size = '3 MB'),
    rule: 'type',
    location: 'DocumentReference.content[0].attachment.size',
  },
  {
    name: 'size-negative',
    description: 'content.attachment.size is an unsignedInt',
    from: 'doc-1',
    breakIt: (r) => (attachment(r).size = -1),
    rule: 'type',
    location: 'DocumentReference.content[0].attachment.size',
  },
  {
    name: 'author-not-a-list',
    description: 'author is 0..* (a list)',
    from: 'doc-1',
    breakIt: (r) => (r.author = r.author[0]),
    rule: 'type',
    location: 'DocumentReference.author',
  },
  {
    name: 'unknown-element',
    description: 'an element STU3 DocumentReference does not have',
    from: 'doc-1',
    breakIt: set('title', 'Discharge summary'),
    rule: 'unknown-element',
    location: 'DocumentReference.title',
  },
  // Rules of CareConnect-GPC-DocumentReference-1 (1.2.0 differential) that the STU3 core does not state.
  {
    name: 'profile-no-identifier',
    description: 'CareConnect-GPC-DocumentReference-1: identifier is 1..* (core 0..*)',
    from: 'doc-1',
    breakIt: del('identifier'),
    rule: 'cardinality',
    location: 'DocumentReference.identifier',
  },
  {
    name: 'profile-no-cross-care-setting-identifier',
    description: 'CareConnect-GPC-DocumentReference-1: the crossCareSettingIdentifier slice is 1..1',
    from: 'doc-2',
    breakIt: (r) => (r.identifier = (r.identifier as Json[]).filter((i) => i !== crossCareSetting(r))),
    rule: 'slice',
    location: 'DocumentReference.identifier',
  },
  {
    name: 'profile-two-cross-care-setting-identifiers',
    description: 'CareConnect-GPC-DocumentReference-1: the crossCareSettingIdentifier slice is 1..1',
    from: 'doc-3',
    breakIt: (r) => r.identifier.push({ ...crossCareSetting(r), value: '6f1c1a52-3b7e-4c38-9a3e-0d2b8f0e7c11' }),
    rule: 'slice',
    location: 'DocumentReference.identifier[2]',
  },
  {
    name: 'profile-cross-care-setting-no-value',
    description: 'CareConnect-GPC-DocumentReference-1: crossCareSettingIdentifier.value is 1..1',
    from: 'doc-1',
    breakIt: (r) => delete crossCareSetting(r).value,
    rule: 'cardinality',
    location: 'DocumentReference.identifier[0].value',
  },
  {
    name: 'profile-no-subject',
    description: 'CareConnect-GPC-DocumentReference-1: subject is 1..1 (core 0..1)',
    from: 'doc-2',
    breakIt: del('subject'),
    rule: 'cardinality',
    location: 'DocumentReference.subject',
  },
  {
    name: 'profile-two-authors',
    description: 'CareConnect-GPC-DocumentReference-1: author is 0..1 (core 0..*)',
    from: 'doc-1',
    breakIt: (r) => r.author.push({ reference: 'Organization/T99999' }),
    rule: 'cardinality',
    location: 'DocumentReference.author',
  },
  {
    name: 'profile-type-no-display',
    description: 'CareConnect-GPC-DocumentReference-1: type.coding.display is 1..1 (core 0..1)',
    from: 'doc-3',
    breakIt: (r) => delete typeCoding(r).display,
    rule: 'cardinality',
    location: 'DocumentReference.type.coding[0].display',
  },
  {
    name: 'profile-type-coding-version',
    description: 'CareConnect-GPC-DocumentReference-1: type.coding.version is 0..0',
    from: 'doc-2',
    breakIt: (r) => (typeCoding(r).version = 'http://snomed.info/sct/83821000000107/version/20210512'),
    rule: 'cardinality',
    location: 'DocumentReference.type.coding[0].version',
  },
  {
    name: 'profile-no-size',
    description: 'CareConnect-GPC-DocumentReference-1: content.attachment.size is 1..1 (core 0..1)',
    from: 'doc-2',
    breakIt: (r) => delete attachment(r).size,
    rule: 'cardinality',
    location: 'DocumentReference.content[0].attachment.size',
  },
  {
    name: 'profile-no-content-type',
    description: 'CareConnect-GPC-DocumentReference-1: content.attachment.contentType is 1..1 (core 0..1)',
    from: 'doc-3',
    breakIt: (r) => delete attachment(r).contentType,
    rule: 'cardinality',
    location: 'DocumentReference.content[0].attachment.contentType',
  },
  {
    name: 'profile-master-identifier-no-value',
    description: 'CareConnect-GPC-DocumentReference-1: masterIdentifier.value is 1..1 when masterIdentifier is given',
    from: 'doc-1',
    breakIt: set('masterIdentifier', { system: 'https://provider.gpc-assure.invalid/Id/document-version' }),
    rule: 'cardinality',
    location: 'DocumentReference.masterIdentifier.value',
  },
  {
    name: 'profile-no-meta-profile',
    description:
      'CareConnect-GPC-DocumentReference-1: meta.profile is 1..* (core 0..*), held to the profile the search answer expects',
    from: 'Bundle',
    breakIt: (b) => (b.entry.find((e: Json) => e.resource.id === 'doc-1').resource.meta = { versionId: '1' }),
    rule: 'cardinality',
    location: 'Bundle.entry[5].resource.meta.profile',
  },
  {
    name: 'searchset-total-text',
    description: 'Bundle.total is an unsignedInt',
    from: 'Bundle',
    breakIt: set('total', 'four'),
    rule: 'type',
    location: 'Bundle.total',
  },
];

const resourcesOf = (bundle: Json) => (bundle.entry as Json[]).map((e) => e.resource as Json);

function main(): void {
  const search = validSearch();
  let written = 0;
  for (const c of CASES) {
    const isBundle = c.from === 'Bundle';
    const resource = structuredClone(isBundle ? search : resourcesOf(search).find((r) => r.id === c.from));
    if (!resource) throw new Error(`${c.name}: no resource ${c.from} in the search answer`);
    c.breakIt(resource);
    const issues = isBundle
      ? validateExchangeBody(resource, { hop: 'provider', interaction: 'search documents' })
      : validate(resource, { fhirVersion: 'STU3', profileSet: 'gpconnect-1.5.0' });
    const errors = issues.filter((i) => i.severity === 'error');
    if (!errors.some((i) => i.rule === c.rule && i.location === c.location)) {
      process.stdout.write(
        `${c.name}: expected ${c.rule} at ${c.location}, got ${errors.map((i) => `${i.rule}@${i.location}`).join(', ')}\n`,
      );
      continue;
    }
    // A profile case must break a rule only the profile states: the STU3 core alone (the 1.2.7 set compiles
    // no DocumentReference profile) has to let it through.
    const coreRejects = validate(resource, { fhirVersion: 'STU3', profileSet: 'gpconnect-1.2.7' }).some(
      (i) => i.severity === 'error' && i.rule === c.rule && i.location === c.location,
    );
    if (c.name.startsWith('profile-') && coreRejects) {
      process.stdout.write(`${c.name}: the STU3 core already rejects it; not a profile rule\n`);
      continue;
    }
    const out = {
      description: `${c.description} (Access Document search answer; CareConnect-GPC-DocumentReference-1 1.2.0 on the STU3 core)`,
      ...(isBundle ? { interaction: 'search documents' } : { profileSet: 'gpconnect-1.5.0' }),
      fhirVersion: 'STU3',
      expect: { rule: c.rule, location: c.location },
      resource,
    };
    writeFileSync(join(OUT, `doc-${c.name}.json`), `${JSON.stringify(out, null, 2)}\n`);
    written++;
  }
  process.stdout.write(`wrote ${written} of ${CASES.length} Access Document corpus instances to ${OUT}\n`);
}

if (require.main === module) main();
