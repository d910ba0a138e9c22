/**
 * Embedded PDS FHIR R4 (facts §5.1): GET /Patient/{nhsNumber} with the sandbox's behaviours — a normal
 * patient with generalPractitioner, a restricted one (no GP, no address), a superseded number answered
 * with the surviving record, not found, invalid, invalidated, deceased, and a missing X-Request-ID.
 */
import { isValidNhsNumber, UUID_PATTERN } from '../spine/nhs-number';
import { EXT, FHIR_JSON, SYS } from '../spine/systems';
import type { Faults } from './faults';
import { person, type Person } from './fixtures/people';
import { r4Outcome, startServer, type RunningServer, type SimRequest, type SimResponse } from './http-kit';

export const PDS_BASE_PATH = '/personal-demographics/FHIR/R4';

/** When the PDS sandbox's 9000000009 died, and when its GP registration ended (observed, probe P1). */
const SANDBOX_DEATH = '2010-10-22T00:00:00+00:00';
const ENDED_REGISTRATION = { start: '2020-01-01', end: '2021-12-31' };

const gpPeriod = (p: Person, faults: Faults) =>
  faults.has('pds-gp-registration-ended') ? ENDED_REGISTRATION : (p.gpPeriod ?? { start: '2020-01-01' });

function pdsPatient(p: Person, faults: Faults): Record<string, unknown> {
  const restricted =
    (p.kind === 'restricted' && !faults.has('pds-restricted-unflagged')) ||
    (p.kind === 'normal' && faults.has('pds-registered-restricted'));
  const deceased =
    p.deceasedDateTime ?? (p.kind === 'normal' && faults.has('pds-registered-deceased') ? SANDBOX_DEATH : undefined);
  const nhsNumber = faults.has('pds-bad-check-digit')
    ? p.nhsNumber.slice(0, 9) + ((Number(p.nhsNumber[9]) + 1) % 10)
    : p.nhsNumber;
  const patient: Record<string, unknown> = {
    resourceType: 'Patient',
    id: nhsNumber,
    meta: {
      versionId: '2',
      security: [
        {
          system: SYS.confidentiality,
          code: restricted ? 'R' : 'U',
          display: restricted ? 'restricted' : 'unrestricted',
        },
      ],
    },
    identifier: [
      {
        system: faults.has('pds-wrong-identifier-system') ? 'http://fhir.nhs.net/Id/nhs-number' : SYS.nhsNumber,
        value: nhsNumber,
        extension: faults.has('pds-no-verification-status')
          ? []
          : [
              {
                url: EXT.ukCoreVerification,
                valueCodeableConcept: {
                  coding: [
                    {
                      system: SYS.ukCoreVerification,
                      version: '1.0.0',
                      ...(faults.has('pds-unverified-number')
                        ? { code: '02', display: 'Number present but not traced' }
                        : { code: '01', display: 'Number present and verified' }),
                    },
                  ],
                },
              },
            ],
      },
    ],
    name: [
      { id: '123', use: 'usual', period: { start: '2010-01-01' }, given: p.given, family: p.family, prefix: p.prefix },
    ],
    gender: p.gender,
    birthDate: faults.has('pds-future-birth-date') ? '2999-01-01' : p.birthDate,
    ...(deceased && !faults.has('pds-drops-deceased') ? { deceasedDateTime: deceased } : {}),
  };
  if (!restricted) {
    if (p.address.length)
      patient.address = [
        { id: '456', period: { start: '2020-01-01' }, use: 'home', line: p.address, postalCode: p.postcode },
      ];
    if (p.gpOds && !faults.has('pds-no-gp')) {
      const ods = faults.has('pds-lowercase-ods') ? p.gpOds.toLowerCase() : p.gpOds;
      patient.generalPractitioner = [
        {
          id: '254406A3',
          type: 'Organization',
          identifier: { system: SYS.odsOrg, value: ods, period: gpPeriod(p, faults) },
        },
      ];
    }
  }
  return patient;
}

/**
 * The order of PDS's checks (observed on the sandbox): the NHS number, and whether the record exists, come
 * before the X-Request-ID header, so an unknown number without X-Request-ID is a 404.
 */
function trace(req: SimRequest, nhsNumber: string, faults: Faults): SimResponse {
  if (!isValidNhsNumber(nhsNumber))
    return r4Outcome(400, 'INVALID_RESOURCE_ID', 'Resource Id is invalid', `Invalid NHS number ${nhsNumber}`, 'value');
  const found = person(nhsNumber);
  if (!found) return r4Outcome(404, 'RESOURCE_NOT_FOUND', 'Resource not found', undefined, 'not-found');
  const requestId = req.headers['x-request-id'];
  if (!requestId)
    return r4Outcome(
      400,
      'MISSING_VALUE',
      'Required value is missing',
      'Invalid request with error - X-Request-ID header must be supplied to access this resource',
      'required',
    );
  if (!UUID_PATTERN.test(requestId))
    return r4Outcome(
      400,
      'INVALID_VALUE',
      'Provided value is invalid',
      `Invalid value - '${requestId}' in header 'X-Request-ID'`,
      'value',
    );
  if (faults.has('pds-500'))
    return r4Outcome(500, 'SERVICE_UNAVAILABLE', 'Service unavailable', 'fault mode pds-500', 'exception');
  if (found.kind === 'invalidated')
    return r4Outcome(
      404,
      'INVALIDATED_RESOURCE',
      'Resource that has been marked invalid was requested',
      undefined,
      'not-found',
    );
  // A superseded number transparently answers with the surviving record (id differs from the request).
  const record = found.kind === 'superseded' ? person(found.survivor!)! : found;
  const patient = pdsPatient(record, faults);
  if (faults.has('pds-superseded-old-id')) patient.id = nhsNumber;
  const body = faults.has('pds-returns-bundle')
    ? {
        resourceType: 'Bundle',
        type: 'searchset',
        total: 1,
        entry: [{ fullUrl: `Patient/${record.nhsNumber}`, resource: patient }],
      }
    : patient;
  return {
    status: 200,
    headers: { 'Content-Type': faults.has('pds-plain-json') ? 'application/json' : FHIR_JSON, ETag: 'W/"2"' },
    body,
  };
}

function route(req: SimRequest, faults: Faults): SimResponse {
  if (!req.path.startsWith(PDS_BASE_PATH + '/'))
    return r4Outcome(
      404,
      'UNSUPPORTED_SERVICE',
      'Unsupported Service',
      `no PDS service at ${req.path}`,
      'not-supported',
    );
  const path = req.path.slice(PDS_BASE_PATH.length);
  const m = /^\/Patient\/([^/]*)$/.exec(path);
  if (!m)
    return r4Outcome(404, 'UNSUPPORTED_SERVICE', 'Unsupported Service', `no PDS service at ${path}`, 'not-supported');
  // The sandbox answers any other method on a Patient 404 FAILURE_TO_PROCESS_MESSAGE (observed, probe P11).
  if (req.method !== 'GET')
    return r4Outcome(
      404,
      'FAILURE_TO_PROCESS_MESSAGE',
      'Failed to process message',
      `${req.method} is not supported on ${path}`,
      'exception',
    );
  if (!m[1]) return r4Outcome(400, 'UNSUPPORTED_SERVICE', 'Unsupported Service', 'Missing NHS number', 'processing');
  return trace(req, decodeURIComponent(m[1]), faults);
}

export function startPds(opts: { port: number; faults: Faults }): Promise<RunningServer> {
  return startServer(
    'pds',
    opts.port,
    (req) => {
      const answer = route(req, opts.faults);
      const res =
        answer.status >= 400 && opts.faults.has('pds-errors-as-500')
          ? r4Outcome(500, 'SERVICE_UNAVAILABLE', 'Service unavailable', 'fault mode pds-errors-as-500', 'exception')
          : answer;
      // X-Request-ID and X-Correlation-ID are mirrored on every answer, errors included.
      const mirror: Record<string, string> = {};
      const requestId = req.headers['x-request-id'];
      if (requestId && !opts.faults.has('pds-no-request-id-echo')) mirror['X-Request-ID'] = requestId;
      if (req.headers['x-correlation-id']) mirror['X-Correlation-ID'] = req.headers['x-correlation-id'];
      return { ...res, headers: { ...res.headers, ...mirror } };
    },
    (status, message) => r4Outcome(status, 'SERVICE_UNAVAILABLE', 'Service unavailable', message, 'exception'),
  );
}
