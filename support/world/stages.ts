/**
 * What each step needs from the steps before it (WE-J1: each hop's output is the next hop's input). A step
 * asks for the journey values it reads by name; a value no earlier step set is a scenario written in the wrong
 * order, and the error says which step would have set it, instead of a TypeError on undefined.
 */
import type { GpcWorld, JourneyState } from './world';

/** The step that sets each journey value. */
const SET_BY: Record<keyof JourneyState, string> = {
  patientRole: 'choosing a test patient',
  patient: 'choosing a test patient',
  nhsNumber: 'choosing a test patient',
  pdsPatient: 'the PDS trace',
  ods: "the PDS trace reading the practice's ODS code",
  endpoint: 'the SDS Endpoint lookup',
  providerAsid: 'the SDS Device lookup',
  slotSearch: 'a free slot search',
  slot: 'choosing a free slot',
  providerPatientId: 'finding the patient on the provider',
  appointment: 'booking an appointment',
  bookedSlotId: 'booking an appointment',
};

/** The journey once the named values are set: a step's needs, as a type. */
export type Stage<K extends keyof JourneyState> = JourneyState & Required<Pick<JourneyState, K>>;

/** The journey values a step needs, each checked to be set by an earlier step. */
export function need<K extends keyof JourneyState>(w: GpcWorld, ...keys: K[]): Stage<K> {
  const missing = keys.filter((k) => w.state[k] === undefined);
  if (missing.length)
    throw new Error(
      `this step needs ${missing.map((k) => `${k} (set by ${SET_BY[k]})`).join(', ')}, which no earlier step of the scenario set`,
    );
  return w.state as Stage<K>;
}
