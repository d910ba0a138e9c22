/**
 * The provider's appointment lifecycle (AM-LIFE-*) on its state, without HTTP: versions bump, If-Match is
 * checked, only description/comment may be amended, and cancelling frees the slots.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EXT } from '../../support/spine/systems';
import { Faults } from '../../support/simulators/faults';
import { PRACTICES } from '../../support/simulators/fixtures/estate';
import { dutiesOf, type ProviderContext } from '../../support/simulators/provider/context';
import { amendAppointment, cancelAppointment, readAppointment } from '../../support/simulators/provider/lifecycle';
import { GpcError } from '../../support/simulators/provider/outcomes';
import { createState, storeAppointment, type ProviderState } from '../../support/simulators/provider/state';

type Json = Record<string, any>;

function booked(state: ProviderState): { id: string; slotId: string } {
  const slot = [...state.slots.values()].find((s) => s.ods === 'T99999')!;
  slot.status = 'busy';
  const { id } = storeAppointment(state, 'T99999', (id) => ({
    resourceType: 'Appointment',
    id,
    meta: { versionId: '1' },
    status: 'booked',
    description: 'first',
    slot: [{ reference: `Slot/${slot.id}` }],
  }));
  return { id, slotId: slot.id };
}

function ctx(
  state: ProviderState,
  id: string,
  o: { ifMatch?: string; body?: Json; faults?: string[] } = {},
): ProviderContext {
  const headers: Record<string, string | undefined> = { 'if-match': o.ifMatch };
  const req = {
    method: o.body ? 'PUT' : 'GET',
    rawUrl: `/Appointment/${id}`,
    path: `/Appointment/${id}`,
    query: new URLSearchParams(),
    headers,
    body: JSON.stringify(o.body ?? {}),
  };
  const faults = new Faults(o.faults ?? []);
  return {
    req,
    practice: PRACTICES[0],
    serviceRoot: 'http://sim/T99999/STU3/1/gpconnect',
    id,
    state,
    faults,
    does: dutiesOf(faults),
    now: new Date(),
  };
}

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (err) {
    if (err instanceof GpcError) return `${err.status} ${err.code}`;
    throw err;
  }
  return 'accepted';
};

test('amending the description bumps the version and the ETag', () => {
  const state = createState();
  const { id } = booked(state);
  const current = readAppointment(ctx(state, id)).body as Json;
  const res = amendAppointment(ctx(state, id, { ifMatch: 'W/"1"', body: { ...current, description: 'second' } }));
  assert.equal(res.headers?.ETag, 'W/"2"');
  assert.equal((res.body as Json).meta.versionId, '2');
  assert.equal((res.body as Json).description, 'second');
});

test('a stale If-Match is 409, other elements 422, an empty cancellation reason 422', () => {
  const state = createState();
  const { id } = booked(state);
  const current = readAppointment(ctx(state, id)).body as Json;
  assert.equal(
    refusal(() => amendAppointment(ctx(state, id, { ifMatch: 'W/"0"', body: current }))),
    '409 FHIR_CONSTRAINT_VIOLATION',
  );
  assert.equal(
    refusal(() => amendAppointment(ctx(state, id, { ifMatch: 'W/"1"', body: { ...current, status: 'arrived' } }))),
    '422 INVALID_RESOURCE',
  );
  const emptyReason = {
    ...current,
    status: 'cancelled',
    extension: [{ url: EXT.cancellationReason, valueString: ' ' }],
  };
  assert.equal(
    refusal(() => cancelAppointment(ctx(state, id, { ifMatch: 'W/"1"', body: emptyReason }))),
    '422 INVALID_PARAMETER',
  );
});

test('cancelling frees the slot; with provider-cancel-keeps-slots it stays busy', () => {
  for (const [faults, expected] of [
    [[], 'free'],
    [['provider-cancel-keeps-slots'], 'busy'],
  ] as const) {
    const state = createState();
    const { id, slotId } = booked(state);
    const current = readAppointment(ctx(state, id)).body as Json;
    const cancel = {
      ...current,
      status: 'cancelled',
      extension: [{ url: EXT.cancellationReason, valueString: 'Patient asked' }],
    };
    cancelAppointment(ctx(state, id, { ifMatch: 'W/"1"', body: cancel, faults: [...faults] }));
    assert.equal(state.slots.get(slotId)!.status, expected);
  }
});
