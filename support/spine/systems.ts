/** Identifier systems, extension URLs and profile URLs (FHIR-PROFILE). One place, so a typo fails everywhere. */
export const SYS = {
  nhsNumber: 'https://fhir.nhs.uk/Id/nhs-number',
  odsOrg: 'https://fhir.nhs.uk/Id/ods-organization-code',
  odsOrgLegacy: 'http://fhir.nhs.net/Id/ods-organization-code',
  odsSite: 'https://fhir.nhs.uk/Id/ods-site-code',
  sdsUserId: 'https://fhir.nhs.uk/Id/sds-user-id',
  sdsRoleProfileId: 'https://fhir.nhs.uk/Id/sds-role-profile-id',
  interactionId: 'https://fhir.nhs.uk/Id/nhsServiceInteractionId',
  partyKey: 'https://fhir.nhs.uk/Id/nhsMhsPartyKey',
  asid: 'https://fhir.nhs.uk/Id/nhsSpineASID',
  mhsFqdn: 'https://fhir.nhs.uk/Id/nhsMhsFQDN',
  mhsCpaId: 'https://fhir.nhs.uk/Id/nhsMhsCPAId',
  mhsId: 'https://fhir.nhs.uk/Id/nhsMHSId',
  spineErrorR4: 'https://fhir.nhs.uk/R4/CodeSystem/Spine-ErrorOrWarningCode',
  spineErrorStu3: 'https://fhir.nhs.uk/STU3/CodeSystem/Spine-ErrorOrWarningCode-1',
  spineErrorStu3ValueSet: 'https://fhir.nhs.uk/STU3/ValueSet/Spine-ErrorOrWarningCode-1',
  ukCoreVerification: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatus',
  gpcVerification: 'https://fhir.nhs.uk/STU3/CodeSystem/CareConnect-NHSNumberVerificationStatus-1',
  confidentiality: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality',
  orgType: 'https://fhir.nhs.uk/STU3/CodeSystem/GPConnect-OrganisationType-1',
  sdsJobRole: 'https://fhir.nhs.uk/STU3/CodeSystem/CareConnect-SDSJobRoleName-1',
  registrationType: 'https://fhir.nhs.uk/STU3/CodeSystem/CareConnect-RegistrationType-1',
} as const;

export const EXT = {
  ukCoreVerification: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus',
  gpcVerification:
    'https://fhir.nhs.uk/STU3/StructureDefinition/Extension-CareConnect-GPC-NHSNumberVerificationStatus-1',
  sdsManufacturer: 'https://fhir.nhs.uk/StructureDefinition/Extension-SDS-ManufacturingOrganisation',
  sdsInteraction: 'https://fhir.nhs.uk/StructureDefinition/Extension-SDS-NhsServiceInteractionId',
  bookingOrganisation: 'https://fhir.nhs.uk/STU3/StructureDefinition/Extension-GPConnect-BookingOrganisation-1',
  deliveryChannel: 'https://fhir.nhs.uk/STU3/StructureDefinition/Extension-GPConnect-DeliveryChannel-2',
  practitionerRole: 'https://fhir.nhs.uk/STU3/StructureDefinition/Extension-GPConnect-PractitionerRole-1',
  registrationDetails: 'https://fhir.nhs.uk/STU3/StructureDefinition/Extension-CareConnect-GPC-RegistrationDetails-1',
  nhsCommunication: 'https://fhir.nhs.uk/STU3/StructureDefinition/Extension-CareConnect-GPC-NHSCommunication-1',
  cancellationReason:
    'https://fhir.nhs.uk/STU3/StructureDefinition/Extension-GPConnect-AppointmentCancellationReason-1',
} as const;

const SD = 'https://fhir.nhs.uk/STU3/StructureDefinition/';
export const PROFILE = {
  appointment: `${SD}GPConnect-Appointment-1`,
  slot: `${SD}GPConnect-Slot-1`,
  schedule: `${SD}GPConnect-Schedule-1`,
  patient: `${SD}CareConnect-GPC-Patient-1`,
  organization: `${SD}CareConnect-GPC-Organization-1`,
  practitioner: `${SD}CareConnect-GPC-Practitioner-1`,
  location: `${SD}CareConnect-GPC-Location-1`,
  operationOutcome: `${SD}GPConnect-OperationOutcome-1`,
  searchsetBundle: `${SD}GPConnect-Searchset-Bundle-1`,
} as const;

export const FHIR_JSON = 'application/fhir+json';
export const FHIR_JSON_UTF8 = 'application/fhir+json;charset=utf-8';
