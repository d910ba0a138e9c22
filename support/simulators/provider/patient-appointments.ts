/**
 * Retrieve a patient's appointments ('Amend / Cancel / Retrieve appointments'): GET /Patient/{id}/Appointment with start=ge{date} and
 * start=le{date}, dates only, no part of the range in the past; every appointment in range, cancelled too.
 */
import { ukDate } from '../../spine/uk-time';
import type { SimResponse } from '../http-kit';
import type { ProviderContext } from './context';
import { GpcError, invalidParameter } from './outcomes';
import { personByPatientId } from './patients';
import { searchset, type Resource } from './resources';
import { SPINE } from '../../domain/spine-codes';

const DATE_BOUND = /^(ge|le)(\d{4}-\d{2}-\d{2})$/;

/** The ge and le dates of the two start parameters (unchecked, any range, by a lenient provider). */
function range(ctx: ProviderContext): { from: string; to: string } {
  const bounds = ctx.req.query.getAll('start').map((v) => DATE_BOUND.exec(v));
  const from = bounds.find((b) => b?.[1] === 'ge')?.[2];
  const to = bounds.find((b) => b?.[1] === 'le')?.[2];
  if (!ctx.does('check the appointment range')) return { from: from ?? '0000-01-01', to: to ?? '9999-12-31' };
  if (bounds.length !== 2 || !from || !to)
    throw invalidParameter(
      `start must be given twice, as ge{date} and le{date}; got ${ctx.req.query.getAll('start').join(', ')}`,
    );
  if (from < ukDate(ctx.now)) throw invalidParameter(`the range ${from}..${to} starts in the past`);
  if (to < from) throw invalidParameter(`the range ${from}..${to} ends before it starts`);
  return { from, to };
}

export function retrievePatientAppointments(ctx: ProviderContext): SimResponse {
  const id = ctx.id ?? '';
  if (!personByPatientId(ctx.state, ctx.practice.ods, id) && ctx.does('check the patient exists'))
    throw new GpcError(404, SPINE.PATIENT_NOT_FOUND, `no Patient/${id} at ${ctx.practice.ods}`);
  const { from, to } = range(ctx);
  const isFor = (a: Record<string, unknown>) => JSON.stringify(a.participant ?? []).includes(`"Patient/${id}"`);
  const inRange = (a: Record<string, unknown>) =>
    String(a.start).slice(0, 10) >= from && String(a.start).slice(0, 10) <= to;
  const found = [...ctx.state.appointments.values()]
    .filter((a) => a.ods === ctx.practice.ods && isFor(a.resource) && inRange(a.resource))
    .map((a) => a.resource as Resource);
  const answered = ctx.faults.apply('provider.patient-appointments', found, undefined);
  return { status: 200, body: searchset(ctx.serviceRoot, [...answered]) };
}
