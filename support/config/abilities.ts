/**
 * What a target can offer, and what a scenario needs of it. A target file lists its `abilities`; a scenario
 * names what it needs with `@needs-…` tags. A scenario whose needs the target does not meet is not run and is
 * reported as not applicable to this target, with the reason (a real integration environment has no provider
 * reachable without the SSP, no fault switch, no deceased test patient…). Without `abilities` a target offers
 * them all: the embedded simulators and a supplier's own full stack do.
 */

/** Every ability a target can declare, with what it means: the single place the names are typed. */
export const ABILITIES = {
  'direct-provider': "the provider's service root is reachable without the SSP (probes of the provider's own checks)",
  'fault-injection': 'the services behind the target can be switched into fault modes',
  registrations: 'patients can be registered at the practice (gpc.registerpatient succeeds)',
} as const;

export type Ability = keyof typeof ABILITIES;
export const ABILITY_NAMES = Object.keys(ABILITIES) as Ability[];

const NEEDS = /^@needs-(.+)$/;
const PATIENT_NEED = /^patient-(.+)$/;

/** Why the target cannot run a scenario with these tags: one reason per unmet need, none when it can. */
export function unmetNeeds(
  target: { abilities?: readonly Ability[]; testData: { patients: Record<string, unknown> } },
  tags: readonly string[],
): string[] {
  const offered = new Set<string>(target.abilities ?? ABILITY_NAMES);
  return tags.flatMap((tag) => {
    const need = NEEDS.exec(tag)?.[1];
    if (!need) return [];
    const role = PATIENT_NEED.exec(need)?.[1];
    if (role)
      return target.testData.patients[role]
        ? []
        : [`${tag}: the target names no ${role} test patient (testData.patients.${role})`];
    if (!(need in ABILITIES)) return [`${tag}: no such ability (known: ${ABILITY_NAMES.join(', ')}, patient-<role>)`];
    return offered.has(need) ? [] : [`${tag}: the target does not declare ${need} (${ABILITIES[need as Ability]})`];
  });
}
