/** Request parameters and bodies the consumer side builds (CON-SLOT-PARAMS, CON-BOOKING-BODY). */
import type { Target } from '../config/target';
import { EXT, PROFILE, SYS } from '../spine/systems';
import { ukDate, ukDateTime, DAY_MS } from '../spine/uk-time';
import { reference, type Resource } from '../fhir/bundle';

export interface SlotRange {
  start: string;
  end: string;
}

/** From today (UK) for `days` days: a 7-day search is start=ge{today}, end=le{today+7}. */
export function slotRange(days: number, now = new Date()): SlotRange {
  return { start: ukDate(now), end: ukDate(new Date(now.getTime() + days * DAY_MS)) };
}

export type QueryParams = [string, string][];

/** The full slot search of CON-SLOT-PARAMS as name/value pairs, so a probe can drop or change one of them. */
export function slotParams(range: SlotRange, consumerOds: string): QueryParams {
  return [
    ['status', 'free'],
    ['start', `ge${range.start}`],
    ['end', `le${range.end}`],
    ['_include', 'Slot:schedule'],
    ['_include:recurse', 'Schedule:actor:Practitioner'],
    ['_include:recurse', 'Schedule:actor:Location'],
    ['_include:recurse', 'Location:managingOrganization'],
    ['searchFilter', `${SYS.odsOrg}|${consumerOds}`],
  ];
}

export function encodeQuery(params: QueryParams): string {
  return params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
}

export function slotQuery(range: SlotRange, consumerOds: string): string {
  return encodeQuery(slotParams(range, consumerOds));
}

export function patientQuery(nhsNumber: string): string {
  return `identifier=${encodeURIComponent(`${SYS.nhsNumber}|${nhsNumber}`)}`;
}

/** The booking body of CON-BOOKING-BODY for one slot, its schedule's actors, and the provider's Patient id. */
export function appointmentFor(
  target: Target,
  slot: Resource,
  schedule: Resource | undefined,
  patientId: string,
  now = new Date(),
): Resource {
  const actors = ((schedule?.actor as unknown[]) ?? []).map(reference).filter((r): r is string => !!r);
  const location = actors.find((r) => r.startsWith('Location/'));
  const practitioner = actors.find((r) => r.startsWith('Practitioner/'));
  const participant = (ref: string) => ({ actor: { reference: ref }, status: 'accepted' });
  return {
    resourceType: 'Appointment',
    meta: { profile: [PROFILE.appointment] },
    contained: [
      {
        resourceType: 'Organization',
        id: '1',
        meta: { profile: [PROFILE.organization] },
        identifier: [{ system: SYS.odsOrg, value: target.consumer.odsCode }],
        name: target.consumer.organizationName,
        telecom: [{ system: 'phone', value: target.consumer.telecom, use: 'work' }],
      },
    ],
    extension: [{ url: EXT.bookingOrganisation, valueReference: { reference: '#1' } }],
    status: 'booked',
    start: slot.start,
    end: slot.end,
    slot: [{ reference: `Slot/${slot.id}` }],
    created: ukDateTime(now),
    description: 'Booked by gpc-assure conformance run',
    participant: [
      participant(`Patient/${patientId}`),
      ...(location ? [participant(location)] : []),
      ...(practitioner ? [participant(practitioner)] : []),
    ],
  };
}

/** What register patient sends about the person (AM-DEMOGRAPHICS): PDS's values, as traced. */
export interface Demographics {
  family: string;
  given: string[];
  gender: string;
  birthDate: string;
}

/** The register-patient Parameters (AM-FND-REGISTER): one `registerPatient` parameter holding a CareConnect-GPC-Patient-1. */
export function registerPatientBody(nhsNumber: string, d: Demographics): Resource {
  return {
    resourceType: 'Parameters',
    parameter: [
      {
        name: 'registerPatient',
        resource: {
          resourceType: 'Patient',
          meta: { profile: [PROFILE.patient] },
          // The number was traced on PDS just before (CON-PDS-FIRST, WE-1j): verified, code 01.
          identifier: [
            {
              extension: [
                {
                  url: EXT.gpcVerification,
                  valueCodeableConcept: {
                    coding: [{ system: SYS.gpcVerification, code: '01', display: 'Number present and verified' }],
                  },
                },
              ],
              system: SYS.nhsNumber,
              value: nhsNumber,
            },
          ],
          name: [{ use: 'official', family: d.family, given: d.given }],
          gender: d.gender,
          birthDate: d.birthDate,
        },
      },
    ],
  };
}

/** `identifier=system|value` for a Foundations search (AM-FND-SEARCH). */
export function identifierQuery(system: string, value: string): string {
  return `identifier=${encodeURIComponent(`${system}|${value}`)}`;
}
