/**
 * Every official example under ../shared/examples (GP Connect 1.2.9 and 1.6.2, PDS, SDS) judged: FHIR
 * bodies by the validator, the JWT examples by the claim rules. Each error must be one that
 * official-example-findings.ts explains; a file it does not list must pass. A validator that cries wolf on
 * NHS's own examples gets switched off by the people who need it. Skips, saying why, when ../shared is absent.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { practitionerShapeProblems, readsClaims } from '../../support/consumer/rules';
import { validate, validateExchangeBody, type ValidationIssue } from '../../support/fhir/validator';
import { JWT_HEADER, type Claims } from '../../support/jwt/gpc-jwt';
import { EDGE_RULES } from '../../support/jwt/jwt-rules';
import { FINDINGS, FRAGMENTS, INTERACTION_OF, NOT_JSON, SCHEMA_OF } from './official-example-findings';

const EXAMPLES = resolve(__dirname, '..', '..', '..', 'shared', 'examples');
const SETS = ['gpconnect-1.2.9', 'gpconnect-1.6.2', 'pds', 'sds'];

const jsonFiles = (dir: string): string[] =>
  readdirSync(dir)
    .sort()
    .flatMap((f) => {
      const path = join(dir, f);
      return statSync(path).isDirectory() ? jsonFiles(path) : f.endsWith('.json') ? [path] : [];
    });

function judgeBody(file: string, body: unknown): ValidationIssue[] {
  const r4 = file.startsWith('pds/') || file.startsWith('sds/');
  if (INTERACTION_OF[file]) return validateExchangeBody(body, { hop: 'provider', interaction: INTERACTION_OF[file] });
  const profile = SCHEMA_OF.find(([pattern]) => pattern.test(file))?.[1];
  return validate(body, { fhirVersion: r4 ? 'R4' : 'STU3', profile });
}

/** The claim rules a payload can be held to on its own: at its own iat, addressed to its own aud. */
function judgeClaims(claims: Claims): string[] {
  const facts = {
    headers: {},
    candidates: [],
    providerAsid: '',
    serviceRoot: String(claims.aud),
    nowSeconds: Number(claims.iat),
  };
  return [
    ...EDGE_RULES.filter(readsClaims).map((rule) => rule.check(facts, claims)),
    ...practitionerShapeProblems(claims.requesting_practitioner as Record<string, unknown>),
  ].filter((p): p is string => !!p);
}

const errorKeys = (issues: ValidationIssue[]) =>
  issues
    .filter((i) => i.severity === 'error')
    .map((i) => `${i.rule}@${i.location}`)
    .sort();

describe('the official examples', () => {
  const present = existsSync(EXAMPLES);
  const files = present ? SETS.flatMap((set) => jsonFiles(join(EXAMPLES, set))).map((f) => relative(EXAMPLES, f)) : [];

  it('are available (they live outside the repository, in ../shared/examples)', (t) => {
    if (!present) {
      console.log(`official-examples.test: skipping the official examples: ${EXAMPLES} is absent`);
      t.skip(`${EXAMPLES} is absent`);
    }
  });

  if (!present) return;

  it('are all judged, and every error is explained (counts below)', (t) => {
    const listed = [...Object.keys(NOT_JSON), ...Object.keys(FRAGMENTS), ...Object.keys(FINDINGS)];
    assert.deepEqual(
      listed.filter((f) => !files.includes(f)),
      [],
      'every listed example exists',
    );
    const explained = Object.values(FINDINGS).reduce((n, f) => n + f.errors.length, 0);
    t.diagnostic(
      `${files.length} files: ${Object.keys(NOT_JSON).length} not JSON, ${Object.keys(FRAGMENTS).length} fragment(s), ` +
        `${Object.keys(FINDINGS).length} with ${explained} explained errors, the rest clean`,
    );
  });

  for (const file of files) {
    const finding = FINDINGS[file];
    const title = NOT_JSON[file]
      ? `is not JSON (${NOT_JSON[file]})`
      : FRAGMENTS[file]
        ? `is a fragment (${FRAGMENTS[file]})`
        : finding
          ? `fails only as documented (${finding.why})`
          : 'passes';
    it(`${file} ${title}`, () => {
      const text = readFileSync(join(EXAMPLES, file), 'utf8');
      if (NOT_JSON[file]) return void assert.throws(() => JSON.parse(text));
      const json = JSON.parse(text) as Record<string, unknown>;
      if (FRAGMENTS[file]) return void assert.equal(json.resourceType, undefined);
      if (file.endsWith('/jwt/jwt-01-header.json')) return void assert.deepEqual(json, JWT_HEADER);
      if (file.endsWith('/jwt/jwt-02-jwt-payload-full-example.json'))
        return void assert.deepEqual(judgeClaims(json), []);
      const issues = judgeBody(file, json);
      assert.deepEqual(
        errorKeys(issues),
        [...(finding?.errors ?? [])].sort(),
        issues.map((i) => `${i.severity} ${i.rule}@${i.location}: ${i.message}`).join('\n'),
      );
    });
  }
});
