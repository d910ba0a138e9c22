/**
 * Booking bodies that differ from the honest one (requests.ts appointmentFor) in one named way: the PT
 * oracles of AM-BOOK-INVALID, AM-BOOK-OPTIONAL and AM-BOOK-PREFER. Each change edits a copy; features name the change.
 */
import type { Resource } from '../fhir/bundle';

type Change = (a: Resource) => void;
type Participant = { actor: { reference: string }; status?: string };

const participants = (a: Resource) => a.participant as Participant[];
const dropActor =
  (type: string): Change =>
  (a) =>
    void (a.participant = participants(a).filter((p) => !p.actor.reference.startsWith(`${type}/`)));
const dropElement =
  (key: string): Change =>
  (a) =>
    void delete a[key];
const bookingOrganisation = (a: Resource) => (a.contained as Resource[])[0];

const CHANGES: Record<string, Change> = {
  'no start': dropElement('start'),
  'no end': dropElement('end'),
  'no status': dropElement('status'),
  'no slot': dropElement('slot'),
  'no participants': dropElement('participant'),
  'no Patient participant': dropActor('Patient'),
  'no Location participant': dropActor('Location'),
  'a participant without status': (a) => void delete participants(a)[0].status,
  'a reason': (a) => void (a.reason = [{ text: 'Persistent cough' }]),
  'an unknown element': (a) => void (a.colour = 'blue'),
  'an absolute Patient reference': (a) => {
    const patient = participants(a).find((p) => p.actor.reference.startsWith('Patient/'))!;
    patient.actor.reference = `https://elsewhere.example/fhir/${patient.actor.reference}`;
  },
  'a booking organisation without name': (a) => void delete bookingOrganisation(a).name,
  'a booking organisation without telecom': (a) => void delete bookingOrganisation(a).telecom,
  'no Practitioner participant': dropActor('Practitioner'),
};

export function bookingProbe(name: string): Change {
  const change = CHANGES[name];
  if (!change) throw new Error(`unknown booking probe "${name}"; known: ${Object.keys(CHANGES).join(', ')}`);
  return change;
}
