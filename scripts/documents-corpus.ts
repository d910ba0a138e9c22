/**
 * Writes the Access Document part of the wrong-instance corpus (test/fixtures/invalid/doc-*.json): each case
 * is a DocumentReference of the embedded provider's search answer, or that answer's searchset, with exactly
 * one thing made wrong, and the issue validation must raise for it. CareConnect-GPC-DocumentReference-1 is
 * not among the compiled profile sets, so a DocumentReference is held to the STU3 core definition (the
 * validator warns that the claimed profile is not compiled). The script refuses to write a case the
 * validator does not reject as declared.
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
function validSearch(): Json {
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
    const out = {
      description: `${c.description} (Access Document search answer; STU3 core DocumentReference)`,
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
