/**
 * Register patient's payload in depth (AM-FND-REG-PAYLOAD, AM-FND-REG-PROFILE): each defect is one change to the
 * Patient a well-behaved consumer sends (registerPatientBody), named as the features' Examples name it. The
 * first group breaks the 'Register a patient' page's rules for the consumer, the second the
 * CareConnect-GPC-Patient-1 profile; the extras are what the page says the consumer SHOULD add, so a provider
 * that refuses them refuses a conformant consumer.
 */
import type { Resource } from '../fhir/bundle';
import { EXT, SYS } from '../spine/systems';

type Change = (patient: Resource) => Resource;

const without =
  (key: string): Change =>
  (p) =>
    Object.fromEntries(Object.entries(p).filter(([k]) => k !== key));
const officialName = (p: Resource) => ((p.name as Resource[] | undefined) ?? [])[0] ?? {};

/** The page's rules ('Payload Request Body'). */
export const PAGE_DEFECTS: Record<string, Change> = {
  'no birth date': without('birthDate'),
  'a registrationDetails extension': (p) => ({
    ...p,
    extension: [
      {
        url: EXT.registrationDetails,
        extension: [
          {
            url: 'registrationType',
            valueCodeableConcept: { coding: [{ system: SYS.registrationType, code: 'T' }] },
          },
        ],
      },
    ],
  }),
  'a telecom with use old': (p) => ({ ...p, telecom: [{ system: 'phone', value: '01632 960587', use: 'old' }] }),
  'an address with use old': (p) => ({
    ...p,
    address: [{ use: 'old', line: ['1 Old Street'], postalCode: 'LS1 1AA' }],
  }),
  'two NHS numbers': (p) => {
    const [first] = p.identifier as Resource[];
    return { ...p, identifier: [first, { ...first, value: '9000000009' }] };
  },
};

/** CareConnect-GPC-Patient-1 (facts §9). */
export const PROFILE_DEFECTS: Record<string, Change> = {
  'an element that is not a Patient element': (p) => ({ ...p, favouriteColour: 'green' }),
  'an animal element the profile forbids': (p) => ({ ...p, animal: { species: { text: 'dog' } } }),
  'a communication element the profile forbids': (p) => ({ ...p, communication: [{ language: { text: 'English' } }] }),
  'a gender outside the value set': (p) => ({ ...p, gender: 'F' }),
  'a birth date that is not a FHIR date': (p) => ({ ...p, birthDate: '22/02/1982' }),
  'a name that is not official': (p) => ({ ...p, name: [{ ...officialName(p), use: 'usual' }] }),
  'an official name without a family name': (p) => ({ ...p, name: [without('family')(officialName(p))] }),
  'a telecom without its value': (p) => ({ ...p, telecom: [{ system: 'phone', use: 'home' }] }),
  'an nhsCommunication without its language': (p) => ({
    ...p,
    extension: [{ url: EXT.nhsCommunication, extension: [{ url: 'interpreterRequired', valueBoolean: true }] }],
  }),
  'an NHS number without its verification status': (p) => ({
    ...p,
    identifier: (p.identifier as Resource[]).map(without('extension')),
  }),
};

/**
 * What the page says the consumer SHOULD send when it has it (one telecom and one address per use), with a
 * well-formed nhsCommunication: a provider refusing any of them refuses a conformant consumer.
 */
export const SHOULD_EXTRAS: Change = (p) => ({
  ...p,
  telecom: [
    { system: 'phone', value: '01632 960587', use: 'home' },
    { system: 'email', value: 'patient@example.nhs.uk', use: 'work' },
  ],
  address: [{ use: 'home', type: 'physical', line: ['1 Example Road'], city: 'Leeds', postalCode: 'LS1 4AP' }],
  extension: [
    {
      url: EXT.nhsCommunication,
      extension: [
        {
          url: 'language',
          valueCodeableConcept: {
            coding: [
              {
                system: 'https://fhir.nhs.uk/STU3/CodeSystem/CareConnect-HumanLanguage-1',
                code: 'en',
                display: 'English',
              },
            ],
          },
        },
        { url: 'preferred', valueBoolean: true },
      ],
    },
  ],
});

export const REGISTER_DEFECTS: Record<string, Change> = { ...PAGE_DEFECTS, ...PROFILE_DEFECTS };

/** The same Parameters with its registerPatient Patient changed. */
export function withPatient(body: Resource, change: Change): Resource {
  const [param, ...rest] = body.parameter as Resource[];
  return { ...body, parameter: [{ ...param, resource: change(param!.resource as Resource) }, ...rest] };
}
