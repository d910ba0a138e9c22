/**
 * Embedded PDS FHIR R4 ('PDS Get patient details'): GET /Patient/{nhsNumber} with the sandbox's behaviours — a normal
 * patient with generalPractitioner, a restricted one (no GP, no address), a superseded number answered
 * with the surviving record, not found, invalid, invalidated, deceased, and a missing X-Request-ID.
 */
import { SPINE } from '../domain/spine-codes';
import { isValidNhsNumber, UUID_PATTERN } from '../spine/nhs-number';
import { EXT, FHIR_JSON, SYS } from '../spine/systems';
import type { Faults } from './faults';
import { person, type Person } from './fixtures/people';
import { decodedSegment, startServer, type RunningServer, type SimRequest, type SimResponse } from './http-kit';
import { r4Outcome } from './operation-outcomes';

export const PDS_BASE_PATH = '/personal-demographics/FHIR/R4';

function pdsPatient(p: Person): Record<string, unknown> {
  const restricted = p.kind === 'restricted';
  const nhsNumber = p.nhsNumber;
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
        system: SYS.nhsNumber,
        value: nhsNumber,
        extension: [
          {
            url: EXT.ukCoreVerification,
            valueCodeableConcept: {
              coding: [
                {
                  system: SYS.ukCoreVerification,
                  version: '1.0.0',
                  code: '01',
                  display: 'Number present and verified',
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
    birthDate: p.birthDate,
    ...(p.deceasedDateTime ? { deceasedDateTime: p.deceasedDateTime } : {}),
  };
  if (!restricted) {
    if (p.address.length)
      patient.address = [
        { id: '456', period: { start: '2020-01-01' }, use: 'home', line: p.address, postalCode: p.postcode },
      ];
    if (p.gpOds) {
      patient.generalPractitioner = [
        {
          id: '254406A3',
          type: 'Organization',
          identifier: { system: SYS.odsOrg, value: p.gpOds, period: p.gpPeriod ?? { start: '2020-01-01' } },
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
    return r4Outcome(
      400,
      SPINE.INVALID_RESOURCE_ID,
      'Resource Id is invalid',
      `Invalid NHS number ${nhsNumber}`,
      'value',
    );
  const found = person(nhsNumber);
  if (!found) return r4Outcome(404, SPINE.RESOURCE_NOT_FOUND, 'Resource not found', undefined, 'not-found');
  const requestId = req.headers['x-request-id'];
  if (!requestId)
    return r4Outcome(
      400,
      SPINE.MISSING_VALUE,
      'Required value is missing',
      'Invalid request with error - X-Request-ID header must be supplied to access this resource',
      'required',
    );
  if (!UUID_PATTERN.test(requestId))
    return r4Outcome(
      400,
      SPINE.INVALID_VALUE,
      'Provided value is invalid',
      `Invalid value - '${requestId}' in header 'X-Request-ID'`,
      'value',
    );
  return faults.apply('pds.trace', lookUp(found, nhsNumber, faults), undefined);
}

/** The answer to a well-formed trace of a number PDS knows: the record, or why it is not given. */
function lookUp(found: Person, nhsNumber: string, faults: Faults): SimResponse {
  if (found.kind === 'invalidated')
    return r4Outcome(
      404,
      SPINE.INVALIDATED_RESOURCE,
      'Resource that has been marked invalid was requested',
      undefined,
      'not-found',
    );
  // A superseded number transparently answers with the surviving record (id differs from the request).
  const record = found.kind === 'superseded' ? person(found.survivor!)! : found;
  const patient = pdsPatient(faults.apply('pds.person', record, undefined));
  return {
    status: 200,
    headers: { 'Content-Type': FHIR_JSON, ETag: 'W/"2"' },
    body: faults.apply('pds.patient', patient, { requested: nhsNumber }),
  };
}

function route(req: SimRequest, faults: Faults): SimResponse {
  if (!req.path.startsWith(PDS_BASE_PATH + '/'))
    return r4Outcome(
      404,
      SPINE.UNSUPPORTED_SERVICE,
      'Unsupported Service',
      `no PDS service at ${req.path}`,
      'not-supported',
    );
  const path = req.path.slice(PDS_BASE_PATH.length);
  const m = /^\/Patient\/([^/]*)$/.exec(path);
  if (!m)
    return r4Outcome(
      404,
      SPINE.UNSUPPORTED_SERVICE,
      'Unsupported Service',
      `no PDS service at ${path}`,
      'not-supported',
    );
  // The sandbox answers any other method on a Patient 404 FAILURE_TO_PROCESS_MESSAGE (observed, probe P11).
  if (req.method !== 'GET')
    return r4Outcome(
      404,
      SPINE.FAILURE_TO_PROCESS_MESSAGE,
      'Failed to process message',
      `${req.method} is not supported on ${path}`,
      'exception',
    );
  if (!m[1])
    return r4Outcome(400, SPINE.UNSUPPORTED_SERVICE, 'Unsupported Service', 'Missing NHS number', 'processing');
  const nhsNumber = decodedSegment(m[1]);
  if (nhsNumber === undefined)
    return r4Outcome(400, SPINE.INVALID_RESOURCE_ID, 'Resource Id is invalid', 'malformed percent-encoding', 'value');
  return trace(req, nhsNumber, faults);
}

export function startPds(opts: { port: number; faults: Faults }): Promise<RunningServer> {
  return startServer(
    'pds',
    opts.port,
    (req) => {
      const res = opts.faults.apply('pds.answer', route(req, opts.faults), undefined);
      // X-Request-ID and X-Correlation-ID are mirrored on every answer, errors included.
      const mirror: Record<string, string> = {};
      const requestId = req.headers['x-request-id'];
      if (requestId) mirror['X-Request-ID'] = requestId;
      if (req.headers['x-correlation-id']) mirror['X-Correlation-ID'] = req.headers['x-correlation-id'];
      return { ...res, headers: { ...res.headers, ...opts.faults.apply('pds.mirrored-headers', mirror, undefined) } };
    },
    (status, message) => r4Outcome(status, SPINE.SERVICE_UNAVAILABLE, 'Service unavailable', message, 'exception'),
  );
}
