/**
 * The official GP Connect 1.6.2 Access Record Structured example responses (../shared/examples), held to
 * the 1.5.0 profile set as a structured record answer. None of them passes: each fails for defects of the
 * published examples named below (the skeleton is a map of empty resources, three files are not JSON).
 * The test fails on any error no named defect explains, so a validator regression cannot hide behind them.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { validateExchangeBody, type ValidationIssue } from '../../support/fhir/validator';

const EXAMPLES = resolve(__dirname, '../../../shared/examples/gpconnect-1.6.2/accessrecord_structured');

/** Why a published example fails, and which errors that explains. */
const DEFECTS: { id: string; why: string; explains: (i: ValidationIssue, where: string) => boolean }[] = [
  {
    id: 'verification-system',
    why: 'the NHS number verification coding names https://fhir.nhs.uk/CareConnect-NHSNumberVerificationStatus-1, not the CodeSystem …/STU3/CodeSystem/…',
    explains: (i) =>
      i.rule === 'binding' && i.message.includes('https://fhir.nhs.uk/CareConnect-NHSNumberVerificationStatus-1|'),
  },
  {
    id: 'practitioner-role-author',
    why: '1.6.x examples make a PractitionerRole the recorder or performer; the 1.5.0 profiles (the newest published set) allow Practitioner (or Patient)',
    explains: (i) => i.rule === 'reference' && /PractitionerRole\/\S+ must refer to/.test(i.message),
  },
  {
    id: 'excerpt',
    why: 'the examples are excerpts: they reference resources they leave out',
    explains: (i) => i.rule === 'reference' && i.message.includes('does not resolve to an entry of this Bundle'),
  },
  {
    id: 'json-types',
    why: 'numbers written as strings, a code written as an array, generalPractitioner not an array',
    explains: (i) =>
      i.rule === 'type' &&
      /expected a JSON number|must be a single value, not an array|generalPractitioner must be a JSON array/.test(
        i.message,
      ),
  },
  {
    id: 'stray-space',
    why: 'codes and URIs with a leading or trailing space',
    explains: (i) => i.rule === 'type' && /"(\s\S+|\S+\s)" is not a valid (uri|code)/.test(i.message),
  },
  {
    id: 'local-datetime',
    why: 'dateTimes with a time but no zone',
    explains: (i) => i.rule === 'type' && /T\d\d:\d\d:\d\d" is not a valid dateTime/.test(i.message),
  },
  {
    id: 'no-identifier',
    why: 'clinical resources without the business identifier the 1.5.0 profiles require',
    explains: (i, where) => i.rule === 'cardinality' && where.endsWith('.identifier'),
  },
  {
    id: 'missing-mandatory',
    why: 'elements 1..1 in the 1.5.0 profiles left out (Observation.issued, the NHS number verification status, Immunization recordedDate and vaccinationProcedure, problem significance, Condition asserter and category)',
    explains: (i, where) =>
      (i.rule === 'cardinality' && /\.(issued|asserter|category)$/.test(where)) ||
      (i.rule === 'slice' &&
        /slice (nhsNumberVerificationStatus|recordedDate|vaccinationProcedure|problemSignificance) /.test(i.message)),
  },
  {
    id: 'malformed-entries',
    why: 'entries written with resource elements at entry level, or an element the STU3 model does not have (notGivenReason)',
    explains: (i) =>
      i.rule === 'unknown-element' ||
      i.rule === 'invariant:bdl-5' ||
      (i.rule === 'bundle' && i.message.includes('needs a resource')),
  },
];

/** Files that are not examples of a whole answer: every error is theirs. */
const SKELETONS: Record<string, string> = {
  'skeleton_full_record.json': 'a map of the record with empty stand-in resources, not an instance',
};

const where = (i: ValidationIssue) => i.location.replace(/\[\d+\]/g, '');

describe('the official 1.6.2 ARS example responses', { skip: !existsSync(EXAMPLES) && `${EXAMPLES} is absent` }, () => {
  const files = existsSync(EXAMPLES)
    ? readdirSync(EXAMPLES)
        .filter((f) => /response|skeleton/.test(f))
        .sort()
    : [];
  for (const file of files) {
    it(`${file} fails only for named defects`, () => {
      let body: unknown;
      try {
        body = JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8'));
      } catch (err) {
        // Published with syntax errors (a trailing comma, a comment): named, and nothing to validate.
        assert.ok(err instanceof SyntaxError, String(err));
        return;
      }
      const errors = validateExchangeBody(body, { hop: 'provider', interaction: 'get structured record' }).filter(
        (i) => i.severity === 'error',
      );
      assert.ok(errors.length > 0, `${file} now passes: move it out of the defect list`);
      if (SKELETONS[file]) return;
      const unexplained = errors.filter((i) => !DEFECTS.some((d) => d.explains(i, where(i))));
      assert.deepEqual(
        unexplained.map((i) => `${i.rule}@${i.location}: ${i.message}`),
        [],
        `${file}: errors no named defect explains`,
      );
      const named = DEFECTS.filter((d) => errors.some((i) => d.explains(i, where(i)))).map((d) => d.id);
      console.log(`${file}: ${named.join(', ')}`);
    });
  }
});
