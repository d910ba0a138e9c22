/** Provider faults for the NHS provider-suite groups gpc-assure gained (support/domain/behaviours/suite-parity.ts). */
import { without, type FaultMode } from '../fault-points';
import { GpcError } from '../provider/outcomes';
import { SPINE } from '../../domain/spine-codes';

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
  {
    id: 'provider-unknown-appointment-wrong-code',
    hop: 'provider',
    description: `An unknown appointment id answers 404 with ${SPINE.PATIENT_NOT_FOUND}, not ${SPINE.NO_RECORD_FOUND}`,
    breaks: ['AM-LIFE-READ-UNKNOWN'],
    effects: {
      'provider.read-not-found': (err) =>
        err.message.startsWith('no Appointment/') ? new GpcError(404, SPINE.PATIENT_NOT_FOUND, err.message) : err,
    },
  },
  {
    id: 'provider-search-refuses-count-sort',
    hop: 'provider',
    description:
      'Find patient, practitioner and organisation refuse _count and _sort with 400 instead of ignoring them',
    breaks: ['AM-FND-SEARCH-IGNORED'],
    effects: { 'provider.duties': without('ignore _count and _sort') },
  },
] as const satisfies readonly FaultMode[];
