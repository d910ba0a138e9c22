/**
 * What a run is pointed at, as Cucumber's worldParameters carry it: from `gpc-assure run` (which sets them on
 * the configuration it loads) or from cucumber.mjs (which builds them from GPC_TARGET and GPC_FAULTS for a
 * plain `npx cucumber-js`). --parallel workers receive the same object, so every process agrees.
 */
// A type, not an interface, so it is assignable to Cucumber's JsonObject.
export type RunParameters = {
  /** A target file; without one the run starts the embedded simulators. */
  targetFile?: string;
  /** Fault modes switched on in the embedded simulators (never with a target file). */
  faults: string[];
};

/** worldParameters as Cucumber hands them over (any JSON), checked into RunParameters. */
export function runParameters(raw: unknown): RunParameters {
  const given = (raw ?? {}) as { targetFile?: unknown; faults?: unknown };
  if (given.targetFile !== undefined && typeof given.targetFile !== 'string')
    throw new Error('worldParameters.targetFile must be a path to a target file');
  const faults = given.faults ?? [];
  if (!Array.isArray(faults) || !faults.every((f) => typeof f === 'string'))
    throw new Error('worldParameters.faults must be a list of fault ids');
  return { ...(given.targetFile ? { targetFile: given.targetFile } : {}), faults };
}
