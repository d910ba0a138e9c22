/**
 * STU3 resources as the provider renders them ('Search for free slots', 'Find a patient', 'GP Connect STU3 profiles'), built from the fixtures. Each builder
 * takes its fault switches explicitly, so the one thing a fault makes wrong is visible at the call site.
 */
import { EXT, PROFILE, SYS } from '../../spine/systems';
import type { Person } from '../fixtures/people';
import type { Practice } from './context';
import { locationOf, practitionerOf, type Location, type Practitioner, type Schedule, type SlotRecord } from './state';

export type Resource = Record<string, unknown> & { resourceType: string; id: string };

/** Provider-local identifier system for slots (GPConnect-Slot-1 wants identifier system+value). */
export const SLOT_IDENTIFIER_SYSTEM = 'https://provider.gpc-assure.invalid/Id/slot';
/** The pre-1.0 NHS number system ('GP Connect STU3 profiles'), written only under provider-patient-wrong-system. */
export const LEGACY_NHS_NUMBER_SYSTEM = 'http://fhir.nhs.net/Id/nhs-number';

/** Every resource served here is at version 1 and declares its GP Connect profile. */
const resource = (resourceType: string, id: string, profile: string, fields: Record<string, unknown>): Resource => ({
  resourceType,
  id,
  meta: { versionId: '1', profile: [profile] },
  ...fields,
});
export const reference = (type: string, id: string) => ({ reference: `${type}/${id}` });

export function organizationResource(p: Practice): Resource {
  return resource('Organization', p.ods, PROFILE.organization, {
    identifier: [{ system: SYS.odsOrg, value: p.ods }],
    name: p.name,
    telecom: [{ system: 'phone', value: p.telecom, use: 'work' }],
    address: [{ postalCode: p.postcode }],
  });
}

export function locationResource(l: Location): Resource {
  return resource('Location', l.id, PROFILE.location, {
    identifier: [{ system: SYS.odsSite, value: l.siteCode }],
    name: l.name,
    address: { line: [l.line], postalCode: l.postcode },
    managingOrganization: reference('Organization', l.ods),
  });
}

export function practitionerResource(p: Practitioner): Resource {
  return resource('Practitioner', p.id, PROFILE.practitioner, {
    identifier: [{ system: SYS.sdsUserId, value: p.sdsUserId }],
    name: [{ family: p.family, given: [...p.given], prefix: [...p.prefix] }],
    gender: p.gender,
  });
}

/** The practitioner-role extension shared by Schedule and the booked Appointment ('Search for free slots', 'Book an appointment'). */
export function practitionerRoleExtension(schedule: Schedule) {
  const { code, display } = practitionerOf(schedule).role;
  return { url: EXT.practitionerRole, valueCodeableConcept: { coding: [{ system: SYS.sdsJobRole, code, display }] } };
}

export function deliveryChannelExtension(channel: string) {
  return { url: EXT.deliveryChannel, valueCode: channel };
}

export function scheduleResource(s: Schedule, horizon: { start: string; end: string }): Resource {
  return resource('Schedule', s.id, PROFILE.schedule, {
    extension: [practitionerRoleExtension(s)],
    serviceCategory: { text: s.serviceCategory },
    actor: [reference('Location', locationOf(s).id), reference('Practitioner', practitionerOf(s).id)],
    planningHorizon: horizon,
  });
}

/** `2025-06-03T08:15:00Z`: the UTC rendering fault provider-slot-utc-times writes instead of local time. */
const utc = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** Each switch makes one thing wrong, so each Slot check is seen to fail on its own fault. */
export function slotResource(
  slot: SlotRecord,
  schedule: Schedule,
  opts: { utcTimes: boolean; noChannel: boolean },
): Resource {
  return resource('Slot', slot.id, PROFILE.slot, {
    ...(opts.noChannel ? {} : { extension: [deliveryChannelExtension(slot.channel)] }),
    identifier: [{ system: SLOT_IDENTIFIER_SYSTEM, value: slot.id }],
    serviceType: [{ text: schedule.slotType }],
    schedule: reference('Schedule', slot.scheduleId),
    status: slot.status,
    start: opts.utcTimes ? utc(slot.startMs) : slot.start,
    end: opts.utcTimes ? utc(slot.endMs) : slot.end,
  });
}

/** The logical id of a person's Patient resource at a practice; booking refers to it ('Find a patient'). */
export const patientId = (nhsNumber: string) => `pat-${nhsNumber}`;
export const nhsNumberOfPatientId = (id: string) => (id.startsWith('pat-') ? id.slice('pat-'.length) : undefined);

/** One switch per Patient check: the legacy system and the missing verification status fail separately. */
export interface PatientRendering {
  legacySystem: boolean;
  noVerification: boolean;
  nameUse: 'official' | 'usual';
}

/** How a conformant provider renders a Patient; a fault at 'provider.patient-rendering' changes one switch. */
export const HONEST_PATIENT: PatientRendering = { legacySystem: false, noVerification: false, nameUse: 'official' };

export function patientResource(person: Person, ods: string, r: PatientRendering): Resource {
  const verified = {
    url: EXT.gpcVerification,
    valueCodeableConcept: {
      coding: [{ system: SYS.gpcVerification, code: '01', display: 'Number present and verified' }],
    },
  };
  const identifier = {
    ...(r.noVerification ? {} : { extension: [verified] }),
    system: r.legacySystem ? LEGACY_NHS_NUMBER_SYSTEM : SYS.nhsNumber,
    value: person.nhsNumber,
  };
  return resource('Patient', patientId(person.nhsNumber), PROFILE.patient, {
    identifier: [identifier],
    active: true,
    name: [{ use: r.nameUse, family: person.family, given: [...person.given], prefix: [...person.prefix] }],
    gender: person.gender,
    birthDate: person.birthDate,
    ...(person.address.length
      ? { address: [{ use: 'home', type: 'physical', line: person.address, postalCode: person.postcode }] }
      : {}),
    managingOrganization: reference('Organization', ods),
  });
}

/** GPConnect-Searchset-Bundle-1: no total, link or search ('GP Connect STU3 profiles'); no `entry` at all when empty. */
export function searchset(serviceRoot: string, resources: Resource[], type: 'searchset' | 'collection' = 'searchset') {
  return {
    resourceType: 'Bundle',
    meta: { profile: [PROFILE.searchsetBundle] },
    type,
    ...(resources.length
      ? { entry: resources.map((r) => ({ fullUrl: `${serviceRoot}/${r.resourceType}/${r.id}`, resource: r })) }
      : {}),
  };
}
