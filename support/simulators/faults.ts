/**
 * Fault modes: each makes one simulator wrong in one way. They prove that every check can fail: the
 * meta-test runs the worked-example features once per fault and expects the scenarios for `breaks` to
 * fail, naming `hop`. A requirement no fault can break is reported by the meta-test as a defect.
 *
 * How a fault works: a simulator never asks whether a fault is on. At each named point (fault-points.ts
 * lists them) it calls `faults.apply('<point>', value, context)` and uses what comes back; a fault's
 * `effects` declare, beside its id and description (fault-modes/*.ts), what it does to the value there:
 *
 *   { id: 'pds-no-gp', hop: 'pds', description: 'PDS drops generalPractitioner', breaks: ['WE-1c'],
 *     effects: { 'pds.patient': (patient) => dropKey(patient, 'generalPractitioner') } }
 *
 * A fault that skips a check removes that duty from a duty set (`without('check If-Match')` at
 * 'provider.duties'; SSP rules at 'ssp.rules'; edge rules at 'provider.edge-rules'). To add a fault: add
 * its declaration with its effects; add a point only when no existing one hands over the value it spoils.
 */
import { lenientFault } from '../jwt/jwt-rules';
import { sspLenientFault } from '../spine/ssp-rules';
import { isTransportFault } from './chaos';
import type { FaultEffect, FaultMode, FaultPoint, FaultPoints, FaultSwitches } from './fault-points';
import { ARS_FAULTS } from './fault-modes/ars';
import { DOCUMENTS_FAULTS } from './fault-modes/documents';
import { PDS_DEPTH_FAULTS, PDS_FAULTS } from './fault-modes/pds';
import { PROVIDER_FAULTS } from './fault-modes/provider';
import { PROVIDER_CAPABILITY_FAULTS, PROVIDER_CAPABILITY_OMISSIONS } from './fault-modes/provider-capability';
import { PROVIDER_DEPTH_FAULTS } from './fault-modes/provider-depth';
import { PROVIDER_PARITY_FAULTS } from './fault-modes/provider-parity';
import { PROVIDER_REGISTER_FAULTS } from './fault-modes/provider-register';
import { APPOINTMENT_CONTENT_FAULTS } from './fault-modes/appointment-content';
import { APPOINTMENT_UPDATE_FAULTS } from './fault-modes/appointment-updates';
import { LENIENT_FAULT_MODES, OVER_STRICT_FAULT_MODES } from './fault-modes/provider-edge';
import { lenientAtFaultMode } from './fault-modes/lenient-at';
import { PEER_DIVERGENCE_FAULT_MODES, SDS_DEPTH_FAULTS, SDS_FAULTS } from './fault-modes/sds';
import { SDS_WRONG_ANSWER_FAULTS } from './fault-modes/sds-wrong-answers';
import { SSP_FAULTS, SSP_LENIENT_FAULT_MODES } from './fault-modes/ssp';

export type { FaultMode } from './fault-points';
export { LENIENT_FAULT_MODES, OVER_STRICT_FAULT_MODES, PEER_DIVERGENCE_FAULT_MODES, SSP_LENIENT_FAULT_MODES };

/** The worked example's faults, written by hand: what test/meta/fault-modes.test.ts runs. */
export const WORKED_EXAMPLE_FAULTS = [
  ...PDS_FAULTS,
  ...SDS_FAULTS,
  ...SSP_FAULTS,
  ...PROVIDER_FAULTS,
  ...PROVIDER_CAPABILITY_FAULTS,
  // Worked example in depth (support/requirements-depth.ts)
  ...PDS_DEPTH_FAULTS,
  ...SDS_DEPTH_FAULTS,
  ...SDS_WRONG_ANSWER_FAULTS,
  ...PROVIDER_DEPTH_FAULTS,
  ...PROVIDER_PARITY_FAULTS,
  ...PROVIDER_REGISTER_FAULTS,
  ...APPOINTMENT_CONTENT_FAULTS,
  ...APPOINTMENT_UPDATE_FAULTS,
  // Access Record Structured (support/domain/behaviours/ars.ts)
  ...ARS_FAULTS,
  // Access Document (support/domain/behaviours/documents.ts)
  ...DOCUMENTS_FAULTS,
] as const satisfies readonly FaultMode[];

/** Every fault the simulators know: what --fault accepts and `gpc-assure help faults` lists. */
export const FAULT_MODES: readonly FaultMode[] = [
  ...WORKED_EXAMPLE_FAULTS,
  ...PROVIDER_CAPABILITY_OMISSIONS,
  ...OVER_STRICT_FAULT_MODES,
  ...PEER_DIVERGENCE_FAULT_MODES,
  ...LENIENT_FAULT_MODES,
  ...SSP_LENIENT_FAULT_MODES,
];

/** The hand-written ids stay literal, for code that names a fault; generated ones are lenient-*. */
export type FaultId =
  | (typeof WORKED_EXAMPLE_FAULTS)[number]['id']
  | (typeof PROVIDER_CAPABILITY_OMISSIONS)[number]['id']
  | OverStrictFaultId
  | (typeof PEER_DIVERGENCE_FAULT_MODES)[number]['id']
  | ReturnType<typeof lenientFault>
  | ReturnType<typeof sspLenientFault>;
export type OverStrictFaultId = (typeof OVER_STRICT_FAULT_MODES)[number]['id'];

/** The switched-on faults of one simulator set (usually none, or one). */
export class Faults implements FaultSwitches {
  private readonly on: readonly FaultMode[];
  constructor(ids: readonly string[] = []) {
    const byId = new Map(FAULT_MODES.map((f) => [f.id, f]));
    this.on = ids.map((id) => {
      const mode = byId.get(id) ?? lenientAtFaultMode(id);
      if (!mode) throw new Error(`unknown fault mode "${id}"; known: ${[...byId.keys()].join(', ')}`);
      return mode;
    });
  }
  /** The value at `point` after every switched-on fault's effect there; unchanged when none has one. */
  apply<P extends FaultPoint>(point: P, value: FaultPoints[P][0], context: FaultPoints[P][1]): FaultPoints[P][0] {
    return this.on.reduce((v, mode) => {
      const effect = mode.effects[point] as FaultEffect<P> | undefined;
      return effect ? effect(v, context) : v;
    }, value);
  }
  get list(): string[] {
    return this.on.map((f) => f.id);
  }
}

/** What --fault accepts: a simulator fault mode, or a transport fault (support/simulators/chaos.ts). */
export const isKnownFault = (id: string): boolean =>
  FAULT_MODES.some((f) => f.id === id) || !!lenientAtFaultMode(id) || isTransportFault(id);
