/**
 * The profile validator: every corpus instance under test/fixtures/invalid is rejected with the issue it
 * was written to provoke, the valid fixtures pass, and `gpc-assure validate` turns that into exit codes.
 * The official examples (all four sets under ../shared) are judged in official-examples.test.ts.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { readCases, validateCase } from '../../scripts/compare-fhirjs';
import { validateCommand } from '../../support/cli/validate';
import { toOperationOutcome, validate, validateExchangeBody } from '../../support/fhir/validator';

const ROOT = resolve(__dirname, '..', '..');
const FIXTURES = join(ROOT, 'test', 'fixtures');

const errorsOf = (issues: ReturnType<typeof validate>) => issues.filter((i) => i.severity === 'error');
const describeIssues = (issues: ReturnType<typeof validate>) =>
  issues.map((i) => `${i.rule}@${i.location}: ${i.message}`).join('\n');

describe('the invalid corpus', () => {
  const cases = readCases(join(FIXTURES, 'invalid'));

  it('holds at least 60 instances covering every payload the harness validates', () => {
    assert.ok(cases.length >= 60, `only ${cases.length} corpus instances`);
    const covered = new Set(
      cases.map((c) => (c.resource as { resourceType: string }).resourceType + (c.fhirVersion === 'R4' ? '/R4' : '')),
    );
    for (const type of [
      'Appointment',
      'Slot',
      'Schedule',
      'Patient',
      'Organization',
      'Practitioner',
      'Location',
      'OperationOutcome',
      'Bundle',
      'CapabilityStatement',
      'Patient/R4',
      'Endpoint/R4',
      'Device/R4',
      'Bundle/R4',
    ]) {
      assert.ok(covered.has(type), `no corpus instance for ${type}`);
    }
  });

  for (const c of cases) {
    it(`rejects ${c.file}: ${c.expect!.rule} at ${c.expect!.location}`, () => {
      const errors = errorsOf(validateCase(c));
      assert.ok(
        errors.some((i) => i.rule === c.expect!.rule && i.location === c.expect!.location),
        `expected ${c.expect!.rule} at ${c.expect!.location}; got\n${describeIssues(errors)}`,
      );
    });
  }
});

describe('the valid fixtures', () => {
  for (const c of readCases(join(FIXTURES, 'valid'))) {
    it(`accepts ${c.file}`, () => assert.deepEqual(describeIssues(errorsOf(validateCase(c))), ''));
  }

  it('tolerates an empty slot searchset with a warning (FHIR-PROFILE tolerance), not an error', () => {
    const issues = validateExchangeBody(
      { resourceType: 'Bundle', type: 'searchset' },
      { hop: 'provider', interaction: 'search free slots' },
    );
    assert.deepEqual(errorsOf(issues), []);
    assert.ok(issues.some((i) => i.severity === 'warning' && i.location === 'Bundle.entry' && /10\.7/.test(i.message)));
  });

  it('warns, as a heuristic, on a reference no profile rule requires to resolve; errs only where AM-SLOT-INCLUDE does', () => {
    const appointment = (id: string, practitioner: string) => ({
      resourceType: 'Appointment',
      id,
      status: 'booked',
      start: '2026-12-03T10:00:00+00:00',
      end: '2026-12-03T10:10:00+00:00',
      participant: [{ actor: { reference: practitioner }, status: 'accepted' }],
    });
    const issues = validate(
      {
        resourceType: 'Bundle',
        type: 'searchset',
        entry: [
          { resource: { resourceType: 'Practitioner', id: 'p1' } },
          { resource: appointment('a1', 'Practitioner/p2') },
        ],
      },
      { fhirVersion: 'STU3' },
    );
    const reference = issues.filter((i) => i.rule === 'reference');
    assert.deepEqual(
      reference.map((i) => `${i.severity}@${i.location}`),
      ['warning@Bundle.entry[1].resource.participant[0].actor.reference'],
    );
    assert.match(reference[0].message, /heuristic/);
  });

  it('errs on a fullUrl that disagrees with its resource id; warns, as a heuristic, on one Type/id under two servers', () => {
    const practitioner = (fullUrl: string) => ({ fullUrl, resource: { resourceType: 'Practitioner', id: '2' } });
    const bundle = (...entry: unknown[]) =>
      validate({ resourceType: 'Bundle', type: 'collection', entry }, { fhirVersion: 'STU3' });
    const bundleIssues = (issues: ReturnType<typeof validate>) =>
      issues.filter((i) => i.rule === 'bundle').map((i) => `${i.severity}@${i.location}`);
    assert.deepEqual(
      bundleIssues(
        bundle(practitioner('https://a.example/Practitioner/2'), practitioner('https://b.example/Practitioner/2')),
      ),
      ['warning@Bundle.entry[1].resource.id'],
    );
    assert.deepEqual(bundleIssues(bundle(practitioner('https://a.example/Practitioner/3'))), [
      'error@Bundle.entry[0].resource.id',
    ]);
  });

  it('renders issues as an OperationOutcome naming rule, profile and location', () => {
    const issues = validate(
      { resourceType: 'Slot', status: 'free' },
      { fhirVersion: 'STU3', profile: 'https://fhir.nhs.uk/STU3/StructureDefinition/GPConnect-Slot-1' },
    );
    const outcome = toOperationOutcome(issues) as {
      resourceType: string;
      issue: Array<{ severity: string; diagnostics: string; location: string[] }>;
    };
    assert.equal(outcome.resourceType, 'OperationOutcome');
    assert.ok(
      outcome.issue.some(
        (i) =>
          i.location[0] === 'Slot.schedule' &&
          i.diagnostics.startsWith('cardinality:') &&
          i.diagnostics.includes('GPConnect-Slot-1|1.5.0'),
      ),
    );
  });
});

describe('validateExchangeBody', () => {
  const valid = (file: string) => readCases(join(FIXTURES, 'valid')).find((c) => c.file === file)!.resource;
  const outcome = (system: string) => ({
    resourceType: 'OperationOutcome',
    issue: [
      {
        severity: 'error',
        code: 'forbidden',
        details: {
          coding: [{ system, code: 'NO_PATIENT_CONSENT', display: 'Patient has not provided consent to share data' }],
        },
      },
    ],
  });

  it('holds a provider error to GPConnect-OperationOutcome-1 even without meta.profile (FMT-ERROR-OUTCOME)', () => {
    const issues = errorsOf(
      validateExchangeBody(outcome('https://fhir.nhs.uk/STU3/ValueSet/Spine-ErrorOrWarningCode-1'), {
        hop: 'provider',
      }),
    );
    assert.ok(
      issues.some((i) => i.rule === 'fixed' && i.location === 'OperationOutcome.issue[0].details.coding[0].system'),
      describeIssues(issues),
    );
  });

  it('holds a provider error carrying a legacy SSP coding system to the provider profile: the hop decides, not the system', () => {
    const issues = errorsOf(
      validateExchangeBody(outcome('http://fhir.nhs.net/ValueSet/gpconnect-schedule-response-code-1-0'), {
        hop: 'provider',
      }),
    );
    assert.ok(
      issues.some((i) => i.rule === 'fixed' && i.location === 'OperationOutcome.issue[0].details.coding[0].system'),
      describeIssues(issues),
    );
  });

  it("holds the SSP's own errors only to the STU3 base (GP Connect 'Spine Secure Proxy' page, §SSP error responses)", () => {
    assert.deepEqual(
      errorsOf(
        validateExchangeBody(outcome('http://fhir.nhs.net/ValueSet/gpconnect-schedule-response-code-1-0'), {
          hop: 'ssp',
        }),
      ),
      [],
    );
  });

  it('validates PDS and SDS bodies against their R4 schemas', () => {
    assert.deepEqual(errorsOf(validateExchangeBody(valid('pds-patient.json'), { hop: 'pds' })), []);
    assert.deepEqual(errorsOf(validateExchangeBody(valid('sds-device-bundle.json'), { hop: 'sds' })), []);
    const issues = errorsOf(
      validateExchangeBody({ ...(valid('pds-patient.json') as object), gender: 'M' }, { hop: 'pds' }),
    );
    assert.deepEqual(
      issues.map((i) => `${i.rule}@${i.location}`),
      ['binding@Patient.gender'],
    );
  });
});

describe('gpc-assure validate', () => {
  const invalid = join(FIXTURES, 'invalid', 'slot-bad-status.json');
  const valid = join(FIXTURES, 'valid', 'slot.json');
  const wired = /\bvalidate\s*:/.test(readFileSync(join(ROOT, 'support', 'cli', 'main.ts'), 'utf8'));

  /** Through bin/ once main.ts lists the command; until then through validateCommand, output muted. */
  async function exitCode(args: string[]): Promise<number> {
    if (wired)
      return (
        spawnSync(process.execPath, [join(ROOT, 'bin', 'gpc-assure.cjs'), 'validate', ...args], { encoding: 'utf8' })
          .status ?? -1
      );
    const [out, err] = [process.stdout.write, process.stderr.write];
    process.stdout.write = process.stderr.write = (() => true) as typeof process.stdout.write;
    try {
      return await validateCommand(args);
    } finally {
      [process.stdout.write, process.stderr.write] = [out, err];
    }
  }

  it('exits 1 on a corpus instance', async () => assert.equal(await exitCode([invalid]), 1));
  it('exits 0 on a valid payload, also with --json', async () => assert.equal(await exitCode([valid, '--json']), 0));
  it('exits 2 for bad usage', async () => {
    assert.equal(await exitCode([]), 2);
    assert.equal(await exitCode([valid, '--fhir-version', 'DSTU2']), 2);
  });
});
