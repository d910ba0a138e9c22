/**
 * Which corpus instances (test/fixtures/invalid) FHIR.js accepts while gpc-assure rejects them: FHIR.js
 * (`fhir` 4.12) loaded with the STU3 3.0.1 definitions from `fhir-stu3-definitions` (fhir@3.3.1's data)
 * for GP Connect payloads, and with its own R4 definitions for PDS/SDS payloads.
 *
 *   npx tsx scripts/compare-fhirjs.ts
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Fhir, ParseConformance, Versions } from 'fhir';
import { validate, validateExchangeBody, type FhirVersion, type ValidationIssue } from '../support/fhir/validator';
import type { ProfileSet } from '../support/versions';

const STU3_DEFINITIONS = resolve(__dirname, '..', 'node_modules', 'fhir-stu3-definitions', 'profiles', 'stu3');
const CORPUS = resolve(__dirname, '..', 'test', 'fixtures', 'invalid');

/** FHIR.js for STU3, as stack-notes.md describes: parse the value sets, then types, then resources. */
export function loadFhirJsStu3(): Fhir {
  const parser = new ParseConformance(false, Versions.STU3);
  for (const file of ['valuesets.json', 'profiles-types.json', 'profiles-resources.json']) {
    parser.parseBundle(JSON.parse(readFileSync(join(STU3_DEFINITIONS, file), 'utf8')));
  }
  return new Fhir(parser);
}

export interface CorpusCase {
  file: string;
  description?: string;
  profile?: string;
  /** The profile set `profile` is taken from (default gpconnect-1.2.7); an interaction picks its own. */
  profileSet?: ProfileSet;
  interaction?: string;
  fhirVersion: FhirVersion;
  expect?: { rule: string; location: string };
  resource: unknown;
}

export function readCases(dir: string): CorpusCase[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({ file, ...(JSON.parse(readFileSync(join(dir, file), 'utf8')) as Omit<CorpusCase, 'file'>) }));
}

/** gpc-assure on a corpus case, honouring its interaction expectation when it names one. */
export function validateCase(c: CorpusCase): ValidationIssue[] {
  return c.interaction && !c.profile
    ? validateExchangeBody(c.resource, { hop: 'provider', interaction: c.interaction, fhirVersion: c.fhirVersion })
    : validate(c.resource, { profile: c.profile, fhirVersion: c.fhirVersion, profileSet: c.profileSet });
}

function main(): void {
  const fhirJs: Record<FhirVersion, Fhir> = { STU3: loadFhirJsStu3(), R4: new Fhir() };
  const cases = readCases(CORPUS);
  const acceptedByFhirJs = cases.filter((c) => {
    const ours = validateCase(c).some((i) => i.severity === 'error');
    return ours && fhirJs[c.fhirVersion].validate(c.resource as object).valid;
  });
  process.stdout.write(
    `FHIR.js accepts ${acceptedByFhirJs.length} of ${cases.length} corpus instances that gpc-assure rejects:\n`,
  );
  for (const c of acceptedByFhirJs) {
    process.stdout.write(
      `  ${c.file.padEnd(48)} ${c.expect?.rule ?? ''} at ${c.expect?.location ?? ''}: ${c.description ?? ''}\n`,
    );
  }
}

if (require.main === module) main();
