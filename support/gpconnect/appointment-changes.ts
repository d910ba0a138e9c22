/**
 * Changes a consumer may wrongly make to the appointment it holds, by name, for the amend and cancel probes
 * of the NHS provider suite's AppointmentAmend and AppointmentCancel groups. Each edits the held version in
 * place; amend and cancel send the result. Only description and comment may be amended, only status and the
 * cancellation reason set by a cancel, and references must be local and relative (facts §5.6 and §6).
 */
import { EXT } from '../spine/systems';

type Json = Record<string, unknown>;
type Participant = { actor?: { reference?: string } };

/** Where an absolute reference points: any absolute URL breaks the relative-reference rule. */
const ABSOLUTE_BASE = 'https://provider.gpc-assure.invalid/STU3/1/gpconnect';

export const APPOINTMENT_CHANGES: Record<string, (a: Json) => void> = {
  'a cancellation reason': (a) => {
    a.extension = [...((a.extension as Json[]) ?? []), { url: EXT.cancellationReason, valueString: 'Not wanted' }];
  },
  'an absolute patient reference': (a) => {
    for (const p of (a.participant as Participant[]) ?? [])
      if (p.actor?.reference?.startsWith('Patient/')) p.actor.reference = `${ABSOLUTE_BASE}/${p.actor.reference}`;
  },
  'an absolute slot reference': (a) => {
    a.slot = ((a.slot as { reference?: string }[]) ?? []).map((s) => ({
      reference: `${ABSOLUTE_BASE}/${s.reference}`,
    }));
  },
  'no description': (a) => {
    delete a.description;
  },
  'a blank description': (a) => {
    a.description = '   ';
  },
  'a new description': (a) => {
    a.description = 'Changed while cancelling';
  },
  'a new comment': (a) => {
    a.comment = 'Changed while cancelling';
  },
  'a new start': (a) => {
    a.start = '2099-01-01T09:00:00+00:00';
  },
};

export function appointmentChange(name: string): (a: Json) => void {
  const change = APPOINTMENT_CHANGES[name];
  if (!change)
    throw new Error(`unknown appointment change "${name}"; known: ${Object.keys(APPOINTMENT_CHANGES).join(', ')}`);
  return change;
}
