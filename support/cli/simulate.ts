/**
 * `gpc-assure simulate`: the embedded Spine as long-running services, with a target file pointing at them,
 * so another tool (or `gpc-assure run --target`) can be tried against PDS, SDS, SSP and a provider.
 */
import { stringify } from 'yaml';
import { startSimulators, type ServiceName, type SimulatorSet } from '../simulators';
import { fromCwd } from './paths';
import { portsBusy, untilSignalled, writeFileAtomic } from './serve';
import { faultIds, integerOption, parseCommandArgs, type Command } from './usage';

const OPTIONS = {
  port: { type: 'string' },
  'write-target': { type: 'string' },
  fault: { type: 'string', multiple: true },
} as const;

/** With --port N the services take consecutive ports in this order; with 0 each gets an ephemeral one. */
const PORT_ORDER: readonly ServiceName[] = ['pds', 'sds', 'ssp', 'provider'];

function ports(first: number): Partial<Record<ServiceName, number>> {
  return Object.fromEntries(PORT_ORDER.map((name, i) => [name, first === 0 ? 0 : first + i]));
}

function writeTarget(file: string, set: SimulatorSet, faults: string[]): Promise<void> {
  const header = [
    '# gpc-assure target for the embedded simulators, written by `gpc-assure simulate`.',
    `# Valid only while that process runs${faults.length ? `; faults on: ${faults.join(', ')}` : ''}.`,
  ].join('\n');
  return writeFileAtomic(file, `${header}\n${stringify(set.targetDocument)}`);
}

async function simulate(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, OPTIONS);
  const firstPort = integerOption('port', values.port, 0, 65535 - (PORT_ORDER.length - 1)) ?? 0;
  const faults = faultIds(values.fault);
  const targetFile = values['write-target'] === undefined ? undefined : fromCwd(values['write-target']);

  const set = await startSimulators({ faults, ports: ports(firstPort) }).catch(portsBusy(firstPort, PORT_ORDER.length));
  // From here on a signal must reach the clean stop below, so listen before announcing anything.
  const signalled = untilSignalled();
  if (targetFile) await writeTarget(targetFile, set, faults);
  const width = Math.max(...set.services.map((s) => s.name.length));
  for (const service of set.services)
    process.stdout.write(`${service.name.padEnd(width)}  listening on ${service.baseUrl}\n`);
  process.stdout.write(
    `${targetFile ? `target written to ${targetFile}; ` : ''}${faults.length ? `faults on: ${faults.join(', ')}; ` : ''}Ctrl-C (SIGINT) or SIGTERM stops.\n`,
  );
  const signal = await signalled;
  await set.stop();
  process.stdout.write(`stopped on ${signal}\n`);
  return 0;
}

export const simulateCommand: Command = {
  summary: 'serve the embedded PDS, SDS, SSP and provider simulators until stopped',
  usage: [
    'gpc-assure simulate [--port N] [--write-target FILE] [--fault ID[,ID]]',
    '  --port N             pds on N, sds on N+1, ssp on N+2, provider on N+3; 0 (default) picks free ports',
    '  --write-target FILE  write a target file for them (for `gpc-assure run --target FILE`)',
    '  --fault ID           switch a fault mode on (repeatable, or comma-separated)',
  ],
  run: simulate,
};
