/** Provider faults for the NHS provider-suite groups gpc-assure gained (support/domain/behaviours/suite-parity.ts). */
import type { FaultMode } from '../fault-points';

type Rest = { resource?: { type: string; interaction?: { code: string }[] }[] }[];

export const PROVIDER_PARITY_FAULTS = [
  {
    id: 'provider-cs-no-appointment-update',
    hop: 'provider',
    description: 'The CapabilityStatement leaves the Appointment update interaction (amend, cancel) undeclared',
    breaks: ['AM-CS-DECLARES'],
    effects: {
      'provider.capability-statement': (cs) => ({
        ...cs,
        rest: ((cs.rest ?? []) as Rest).map((rest) => ({
          ...rest,
          resource: (rest.resource ?? []).map((r) =>
            r.type === 'Appointment'
              ? { ...r, interaction: (r.interaction ?? []).filter((i) => i.code !== 'update') }
              : r,
          ),
        })),
      }),
    },
  },
  {
    id: 'provider-cs-no-software-version',
    hop: 'provider',
    description: 'The CapabilityStatement names its software without a version',
    breaks: ['AM-CS-SOFTWARE'],
    effects: {
      'provider.capability-statement': (cs) => ({
        ...cs,
        software: { name: (cs.software as { name?: string })?.name },
      }),
    },
  },
] as const satisfies readonly FaultMode[];
