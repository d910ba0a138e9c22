/** Amend and cancel taking what they must refuse (AM-LIFE-AMEND-INVALID, AM-LIFE-CANCEL-ONLY). */
import { without, type FaultMode } from '../fault-points';

export const APPOINTMENT_UPDATE_FAULTS = [
  {
    id: 'provider-amend-takes-invalid',
    hop: 'provider',
    description: 'Amend stores an Appointment with no description (GPConnect-Appointment-1 description 1..1)',
    breaks: ['AM-LIFE-AMEND-INVALID'],
    effects: { 'provider.duties': without('refuse an amended Appointment that is not valid') },
  },
  {
    id: 'provider-cancel-anything',
    hop: 'provider',
    description: 'Cancel also stores whatever else the consumer changed (description, comment, start, references)',
    breaks: ['AM-LIFE-CANCEL-ONLY'],
    effects: { 'provider.duties': without('cancel only status and the reason') },
  },
] as const satisfies readonly FaultMode[];
