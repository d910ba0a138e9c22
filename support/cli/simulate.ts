/**
 * `gpc-assure simulate`: the embedded Spine as long-running services, with a target file pointing at them,
 * so another tool (or `gpc-assure run --target`) can be tried against PDS, SDS, SSP and a provider. With
 * --practices N it serves a generated estate of N practices too, and --write-estate writes an estate-run
 * file with one target per practice (`gpc-assure run --estate FILE`).
 */
import { mkdirSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { stringify } from 'yaml';
import { startSimulators, type ServiceName, type SimulatorSet } from '../simulators';
import { MAX_GENERATED_PRACTICES } from '../simulators/fixtures/generated-estate';
import { separateMhsCount } from '../simulators/estate-services';
import { fromCwd } from './paths';
import { portsBusy, untilSignalled, writeFileAtomic } from './serve';
import { UsageError, faultIds, integerOption, parseCommandArgs, type Command } from './usage';

const OPTIONS = {
  port: { type: 'string' },
  'write-target': { type: 'string' },
  practices: { type: 'string' },
  'write-estate': { type: 'string' },
  fault: { type: 'string', multiple: true },
} as const;

/** With --port N the services take consecutive ports in this order; with 0 each gets an ephemeral one. */
const PORT_ORDER: readonly ServiceName[] = ['pds', 'sds', 'ssp', 'provider'];

function ports(first: number): Partial<Record<ServiceName, number>> {
  return Object.fromEntries(PORT_ORDER.map((name, i) => [name, first === 0 ? 0 : first + i]));
}

const header = (what: string, faults: string[]) =>
  [
    `# ${what}, written by \`gpc-assure simulate\`.`,
    `# Valid only while that process runs${faults.length ? `; faults on: ${faults.join(', ')}` : ''}.`,
  ].join('\n');

function writeTarget(file: string, doc: Record<string, unknown>, faults: string[]): Promise<void> {
  return writeFileAtomic(file, `${header('gpc-assure target for the embedded simulators', faults)}\n${stringify(doc)}`);
}

/**
 * FILE, an estate-run file, and beside it FILE's stem + `-targets/`, one target file per practice. The
 * target files come first: whoever waits for FILE finds them all there.
 */
async function writeEstate(file: string, set: SimulatorSet, faults: string[]): Promise<void> {
  const folder = `${basename(file, extname(file))}-targets`;
  mkdirSync(join(dirname(file), folder), { recursive: true });
  const targets = set.estate?.targets ?? [];
  for (const t of targets)
    await writeTarget(join(dirname(file), folder, `${t.document.name}.yaml`), t.document, faults);
  const doc = { targets: targets.map((t) => ({ file: `${folder}/${t.document.name}.yaml` })) };
  await writeFileAtomic(
    file,
    `${header(`gpc-assure estate of ${targets.length} practices`, faults)}\n${stringify(doc)}`,
  );
}

async function simulate(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, OPTIONS);
  const practices = integerOption('practices', values.practices, 1, MAX_GENERATED_PRACTICES);
  const portCount = PORT_ORDER.length + (practices ? separateMhsCount(practices) : 0);
  const firstPort = integerOption('port', values.port, 0, 65535 - (portCount - 1)) ?? 0;
  const faults = faultIds(values.fault);
  const targetFile = values['write-target'] === undefined ? undefined : fromCwd(values['write-target']);
  const estateFile = values['write-estate'] === undefined ? undefined : fromCwd(values['write-estate']);
  if (estateFile && !practices) throw new UsageError('--write-estate needs --practices K');

  const set = await startSimulators({
    faults,
    ports: ports(firstPort),
    practices,
    estatePort: firstPort === 0 ? 0 : firstPort + PORT_ORDER.length,
  }).catch(portsBusy(firstPort, portCount));
  // From here on a signal must reach the clean stop below, so listen before announcing anything.
  const signalled = untilSignalled();
  if (targetFile) await writeTarget(targetFile, set.targetDocument, faults);
  if (estateFile) await writeEstate(estateFile, set, faults);
  const width = Math.max(...set.services.map((s) => s.name.length));
  for (const service of set.services)
    process.stdout.write(`${service.name.padEnd(width)}  listening on ${service.baseUrl}\n`);
  if (set.estate) {
    const own = set.estate.mhsHosts;
    process.stdout.write(
      `estate    ${set.estate.targets.length} practices: ${set.estate.targets.length - own.length} on the provider's shared MHS, ${own.length} on MHSs of their own (${own.map((h) => `${h.ods} at ${h.baseUrl}`).join(', ')})\n`,
    );
  }
  const written = [targetFile && `target written to ${targetFile}`, estateFile && `estate written to ${estateFile}`];
  process.stdout.write(
    `${written
      .filter(Boolean)
      .map((w) => `${w}; `)
      .join('')}${faults.length ? `faults on: ${faults.join(', ')}; ` : ''}Ctrl-C (SIGINT) or SIGTERM stops.\n`,
  );
  const signal = await signalled;
  await set.stop();
  process.stdout.write(`stopped on ${signal}\n`);
  return 0;
}

export const simulateCommand: Command = {
  summary: 'serve the embedded PDS, SDS, SSP and provider simulators until stopped (--practices N: an estate too)',
  usage: [
    'gpc-assure simulate [--port N] [--write-target FILE] [--practices K [--write-estate FILE]] [--fault ID[,ID]]',
    '  --port N             pds on N, sds on N+1, ssp on N+2, provider on N+3; 0 (default) picks free ports',
    '  --write-target FILE  write a target file for them (for `gpc-assure run --target FILE`)',
    `  --practices K        also serve an estate of K practices G80001… (1-${MAX_GENERATED_PRACTICES}): each its own party key,`,
    '                       ASID and patient; every fourth on an MHS of its own (a provider each, on N+4, N+5, …)',
    '  --write-estate FILE  write an estate-run file with one target per practice, the target files in',
    '                       FILE-stem-targets/ beside it (for `gpc-assure run --estate FILE`)',
    '  --fault ID           switch a fault mode on (repeatable, or comma-separated)',
  ],
  run: simulate,
};
