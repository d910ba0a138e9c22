/**
 * The services one run talks to, from its RunParameters: the embedded PDS, SDS, SSP and provider (with any
 * fault modes), or a target file's services, plus the embedded SSP and provider when the file says
 * `ssp: { embedded: true }` (embedded-ssp.ts). The World's BeforeAll hook calls this once per process.
 */
import type { RunParameters } from '../config/run-parameters';
import { loadTargetFile, type Target } from '../config/target';
import { startEmbeddedSsp } from './embedded-ssp';
import { startSimulators } from './index';

export interface RunServices {
  /** The target the scenarios run against, every baseUrl set. */
  target: Target;
  /** Stops whatever this started (nothing, for a target file of real services). */
  stop(): Promise<void>;
}

export async function startRunServices(parameters: RunParameters): Promise<RunServices> {
  if (parameters.targetFile) {
    const target = loadTargetFile(parameters.targetFile);
    if (!target.ssp.embedded) return { target, stop: async () => undefined };
    const embedded = await startEmbeddedSsp(target);
    return { target: embedded.target, stop: embedded.stop };
  }
  const simulators = await startSimulators({ faults: parameters.faults });
  return { target: simulators.target, stop: simulators.stop };
}
