/**
 * What each test-patient role says of the record on PDS. One NHS number can play two roles only when they
 * say the same thing: the registered patient cannot also be the deceased one (a target that said so made the
 * journey carry a deceased patient on as if registered). Roles not listed here are a target's own; not judged.
 */
const PDS_STATE: Readonly<Record<string, string>> = {
  registered: 'living and registered at the practice under test',
  secondPractice: 'living and registered at another practice',
  unregistered: 'living and registered at another practice',
  deceased: 'deceased',
  restricted: 'restricted',
  superseded: 'superseded by another number',
  invalidated: 'invalidated',
  unknown: 'not on PDS',
  invalidCheckDigit: 'not a valid NHS number',
};

/** The first pair of roles that give one NHS number states that cannot both hold: [key, problem]. */
export function conflictingRoles(patients: Record<string, { nhsNumber: string }>): [string, string] | undefined {
  const seen = new Map<string, string>();
  for (const [role, p] of Object.entries(patients)) {
    const state = PDS_STATE[role];
    if (!state) continue;
    const other = seen.get(p.nhsNumber);
    if (other && PDS_STATE[other] !== state)
      return [
        `testData.patients.${role}.nhsNumber`,
        `"${p.nhsNumber}" is also testData.patients.${other}: one record cannot be both ${PDS_STATE[other]} and ${state}`,
      ];
    if (!other) seen.set(p.nhsNumber, role);
  }
  return undefined;
}
