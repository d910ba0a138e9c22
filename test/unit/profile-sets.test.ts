/** Two compiled profile sets (scripts/generate-schemas.ts): each artefact says its set; the capability picks. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { profileSetOfInteraction, validate, validateExchangeBody } from '../../support/fhir/validator';
import { PROFILE_SET_DIRS, type ProfileSet } from '../../support/versions';

const SCHEMAS = resolve(__dirname, '..', '..', 'schemas');
const SD = 'https://fhir.nhs.uk/STU3/StructureDefinition/';

test('every compiled GP Connect artefact names the profile set it came from', () => {
  for (const [set, dir] of Object.entries(PROFILE_SET_DIRS) as [ProfileSet, string][]) {
    const files = readdirSync(join(SCHEMAS, dir)).filter((f) => f.endsWith('.json') && f !== 'stu3-base.json');
    assert.ok(files.length > 20, `${dir} holds ${files.length} artefacts`);
    for (const file of files) {
      const { provenance } = JSON.parse(readFileSync(join(SCHEMAS, dir, file), 'utf8')) as {
        provenance: { profileSet?: string; file: string; transcribedFrom?: Record<string, string> };
      };
      assert.equal(provenance.profileSet, set, `${dir}/${file}`);
      // A profile published only as XML is compiled from a transcription of its differential, which names
      // the published file (repository, path, commit) it transcribes.
      const transcribed = provenance.file.startsWith('scripts/profile-inputs/');
      assert.ok(
        transcribed || provenance.file.startsWith(`${set}/`),
        `${dir}/${file} compiled from ${provenance.file}`,
      );
      if (transcribed)
        for (const key of ['repository', 'path', 'commit'])
          assert.ok(provenance.transcribedFrom?.[key], `${dir}/${file}: transcribedFrom.${key}`);
    }
  }
});

test('the capability of the interaction picks the set: AM and Foundations 1.2.7, ARS 1.5.0', () => {
  assert.equal(profileSetOfInteraction('book appointment'), 'gpconnect-1.2.7');
  assert.equal(profileSetOfInteraction('read patient'), 'gpconnect-1.2.7');
  assert.equal(profileSetOfInteraction('get structured record'), 'gpconnect-1.5.0');
  assert.equal(profileSetOfInteraction('get structured record', { structured: '1.5.2' }), 'gpconnect-1.5.0');
  assert.equal(profileSetOfInteraction(undefined), 'gpconnect-1.2.7');
});

test('the structured Bundle profile ships only in the 1.5.0 set, and a set never borrows from another', () => {
  const bundle = {
    resourceType: 'Bundle',
    meta: { profile: [`${SD}GPConnect-StructuredRecord-Bundle-1`] },
    type: 'searchset',
  };
  const on150 = validate(bundle, {
    fhirVersion: 'STU3',
    profile: `${SD}GPConnect-StructuredRecord-Bundle-1`,
    profileSet: 'gpconnect-1.5.0',
  });
  assert.ok(
    on150.some((i) => i.severity === 'error' && i.location === 'Bundle.type'),
    JSON.stringify(on150),
  );
  assert.ok(on150.some((i) => i.profileVersion === '1.3.0'));
  const on127 = validate(bundle, { fhirVersion: 'STU3', profile: `${SD}GPConnect-StructuredRecord-Bundle-1` });
  assert.ok(
    on127.some((i) => i.rule === 'profile' && /no compiled profile/.test(i.message)),
    JSON.stringify(on127),
  );
});

test('a structured record entry is held to its 1.5.0 clinical profile', () => {
  const allergy = { resourceType: 'AllergyIntolerance', patient: { reference: 'Patient/1' } };
  const bundle = {
    resourceType: 'Bundle',
    meta: { profile: [`${SD}GPConnect-StructuredRecord-Bundle-1`] },
    type: 'collection',
    entry: [{ resource: allergy }],
  };
  const issues = validateExchangeBody(bundle, { hop: 'provider', interaction: 'get structured record' });
  const onAllergy = issues.filter((i) => i.location.startsWith('Bundle.entry[0].resource') && i.severity === 'error');
  assert.ok(
    onAllergy.some((i) => i.profile === `${SD}CareConnect-GPC-AllergyIntolerance-1` && i.rule === 'cardinality'),
    JSON.stringify(onAllergy),
  );
});
