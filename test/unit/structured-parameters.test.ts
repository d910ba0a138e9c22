/**
 * $gpc.getstructuredrecord parameters (CON-ARS-PARAMETERS): the request the harness builds from the operation table,
 * and the embedded provider's reading of it — the official 1.6.2 example requests, and each wrong body with
 * the status and Spine code it is refused with.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { structuredRecordParameters, type AreaRequest } from '../../support/gpconnect/structured-operation';
import { areaRequest, featureDate } from '../../support/gpconnect/structured-requests';
import { ukDate } from '../../support/spine/uk-time';
import { GpcError } from '../../support/simulators/provider/outcomes';
import { readStructuredQuery } from '../../support/simulators/provider/structured/parameters';

const EXAMPLES = resolve(__dirname, '../../../shared/examples/gpconnect-1.6.2/accessrecord_structured');
const TODAY = '2025-06-02';
const read = (body: unknown) => readStructuredQuery(JSON.stringify(body), { today: TODAY });
const request = (...areas: AreaRequest[]) => structuredRecordParameters('9000000084', areas);

function refusal(body: unknown): string {
  try {
    read(body);
  } catch (err) {
    assert.ok(err instanceof GpcError, String(err));
    return `${err.status} ${err.code}`;
  }
  return '200';
}

describe('the request built from the operation table', () => {
  it('carries patientNHSNumber and each area with its typed parts', () => {
    const body = request(
      areaRequest('allergies', 'includeResolvedAllergies=true'),
      areaRequest(
        'medication',
        'medicationSearchFromDate=today-10, includePrescriptionIssues=false',
        new Date('2025-06-02T12:00:00Z'),
      ),
      areaRequest('investigations', 'investigationSearchPeriod=2020-01-01..2021-01-01'),
      { area: 'immunisations' },
    );
    assert.deepEqual(body.parameter[0], {
      name: 'patientNHSNumber',
      valueIdentifier: { system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9000000084' },
    });
    assert.deepEqual(body.parameter[1], {
      name: 'includeAllergies',
      part: [{ name: 'includeResolvedAllergies', valueBoolean: true }],
    });
    assert.deepEqual((body.parameter[2] as { part?: unknown }).part, [
      { name: 'medicationSearchFromDate', valueDate: '2025-05-23' },
      { name: 'includePrescriptionIssues', valueBoolean: false },
    ]);
    assert.deepEqual((body.parameter[3] as { part?: unknown }).part, [
      { name: 'investigationSearchPeriod', valuePeriod: { start: '2020-01-01', end: '2021-01-01' } },
    ]);
    assert.deepEqual(body.parameter[4], { name: 'includeImmunisations' });
    const query = read(body);
    assert.deepEqual([...query.areas.keys()], ['allergies', 'medication', 'investigations', 'immunisations']);
    assert.deepEqual(query.unrecognised, []);
  });

  it('reads dates relative to today', () => {
    const now = new Date('2025-06-02T12:00:00Z');
    assert.equal(featureDate('today', now), '2025-06-02');
    assert.equal(featureDate('today+1', now), '2025-06-03');
    assert.equal(featureDate('2020-01-01', now), '2020-01-01');
  });
});

/**
 * What the embedded provider answers to each published example request, and why where it is not 200: the
 * examples are illustrations, and three of them break rules of the same pages (ARS-INVALID-PARAMETER, ARS-INVALID-RESOURCE).
 */
const EXAMPLE_VERDICTS: Record<string, { answer: string; why?: string }> = {
  'getstructuredrecord-01-payload-request-body.json': {
    answer: '422 INVALID_RESOURCE',
    why: 'it lists every part at once, consultationSearchPeriod with includeNumberOfMostRecent among them',
  },
  'consultations_forwards_request1.json': {
    answer: '422 INVALID_PARAMETER',
    why: 'medicationSearchFromDate is sent with includeConsultations: a forbidden combination',
  },
  'diaryentries_request1.json': {
    answer: '422 INVALID_PARAMETER',
    why: 'diaryEntriesSearchDate 2017-06-04 is in the past on any day it is run now',
  },
};
const PLACEHOLDER = /\{% highlight json %\}\s*Add example here/;

describe(
  'the provider reads the official 1.6.2 example requests',
  { skip: !existsSync(EXAMPLES) && `${EXAMPLES} is absent` },
  () => {
    const files = existsSync(EXAMPLES)
      ? readdirSync(EXAMPLES)
          .filter((f) => /request/.test(f))
          .sort()
      : [];
    for (const file of files)
      it(`${file}: ${EXAMPLE_VERDICTS[file]?.answer ?? '200, or a placeholder page'}`, () => {
        const text = readFileSync(join(EXAMPLES, file), 'utf8');
        // Several are published as the page template's "Add example here" placeholder, not JSON.
        if (PLACEHOLDER.test(text)) return;
        const body = JSON.parse(text) as { parameter: { valueIdentifier?: { value: string } }[] };
        // The examples use 9999999999, which fails the check digit: a valid number, to test the reading.
        for (const p of body.parameter) if (p.valueIdentifier) p.valueIdentifier.value = '9000000084';
        let answer = '200';
        try {
          readStructuredQuery(JSON.stringify(body), { today: ukDate(new Date()) });
        } catch (err) {
          assert.ok(err instanceof GpcError, String(err));
          answer = `${err.status} ${err.code}`;
        }
        assert.equal(answer, EXAMPLE_VERDICTS[file]?.answer ?? '200', EXAMPLE_VERDICTS[file]?.why);
      });
  },
);

describe('each wrong request is refused with its status and Spine code (ARS-INVALID-PARAMETER, ARS-INVALID-RESOURCE)', () => {
  const cases: [string, unknown, string][] = [
    ['not a Parameters', { resourceType: 'Patient' }, '422 INVALID_RESOURCE'],
    [
      'no patientNHSNumber',
      { resourceType: 'Parameters', parameter: [{ name: 'includeProblems' }] },
      '422 INVALID_PARAMETER',
    ],
    ['a bad check digit', structuredRecordParameters('9000000000', [{ area: 'problems' }]), '400 INVALID_NHS_NUMBER'],
    ['no recognised area', request(), '422 INVALID_PARAMETER'],
    ['includeAllergies without its part', request({ area: 'allergies' }), '422 INVALID_PARAMETER'],
    [
      'a future medication date',
      request(areaRequest('medication', 'medicationSearchFromDate=2025-06-03')),
      '422 INVALID_PARAMETER',
    ],
    [
      'a part with no value',
      request({ area: 'medication', parts: { medicationSearchFromDate: undefined as never } }),
      '422 INVALID_PARAMETER',
    ],
    [
      'a date that is not a full date',
      request({ area: 'medication', parts: { medicationSearchFromDate: '2020-01' } }),
      '422 INVALID_PARAMETER',
    ],
    [
      'a period starting after it ends',
      request(areaRequest('referrals', 'referralSearchPeriod=2021-01-01..2020-01-01')),
      '422 INVALID_PARAMETER',
    ],
    ['a bad filterStatus', request(areaRequest('problems', 'filterStatus=resolved')), '422 INVALID_PARAMETER'],
    [
      'a diary date in the past',
      request(areaRequest('diary', 'diaryEntriesSearchDate=2020-01-01')),
      '422 INVALID_PARAMETER',
    ],
    [
      'a filter of another area with problems',
      request({ area: 'problems' }, areaRequest('medication', 'medicationSearchFromDate=2020-01-01')),
      '422 INVALID_PARAMETER',
    ],
    [
      'both consultation filters',
      request(
        areaRequest('consultations', 'consultationSearchPeriod=2020-01-01..2021-01-01, includeNumberOfMostRecent=2'),
      ),
      '422 INVALID_RESOURCE',
    ],
    [
      'a boolean filter with problems is no forbidden combination',
      request({ area: 'problems' }, areaRequest('allergies', 'includeResolvedAllergies=false')),
      '200',
    ],
  ];
  for (const [wrong, body, expected] of cases) it(`${wrong}: ${expected}`, () => assert.equal(refusal(body), expected));

  it('names unrecognised parameters and parts, and answers the rest', () => {
    const body = request(areaRequest('allergies', 'includeResolvedAllergies=false, includeMoonPhase=yes'));
    body.parameter.push({ name: 'includeTelepathy' } as never);
    const query = read(body);
    assert.deepEqual(query.unrecognised, ['includeAllergies.includeMoonPhase', 'includeTelepathy']);
    assert.ok(query.areas.has('allergies'));
  });

  it('a lenient reading (fault provider-ars-lenient-parameters) lets a future date through', () => {
    const body = request(areaRequest('medication', 'medicationSearchFromDate=2025-06-03'));
    assert.ok(readStructuredQuery(JSON.stringify(body), { today: TODAY, lenient: true }).areas.has('medication'));
  });
});
