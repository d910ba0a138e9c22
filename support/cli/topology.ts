/**
 * `gpc-assure topology`: runs the @static topology features (features/topology, TOP-T1 … TOP-T13) over one estate,
 * either an estate file or the registry rebuilt from an SDS, through the same run machinery as `run`, then
 * draws the estate with its violations as reports/topology.svg. The estate reaches the World through the
 * GPC_ESTATE_* variables (support/topology/assessment.ts), set before Cucumber loads.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadTargetFile } from '../config/target';
import { ODS_PATTERN } from '../spine/nhs-number';
import { assessEstate, ESTATE_FILE_ENV, ESTATE_ODS_ENV, type AssessedEstate } from '../topology/assessment';
import { loadEstateFile } from '../topology/estate-file';
import { violations } from '../topology/rules';
import { estateSvg } from '../topology/svg';
import { PACKAGE_ROOT, fromCwd, resolveTarget } from './paths';
import { runCommand } from './run';
import { UsageError, parseCommandArgs, type Command } from './usage';

const OPTIONS = {
  registry: { type: 'string' },
  'sds-target': { type: 'string' },
  ods: { type: 'string' },
  reports: { type: 'string' },
  quiet: { type: 'boolean' },
} as const;

interface TopologyPlan {
  /** Everything `run` is told, and the estate the SVG draws once the run is over. */
  runArgs: string[];
  env: Record<string, string | undefined>;
  reportsDir: string;
  estate: () => Promise<AssessedEstate>;
}

/** Every usage mistake, a bad estate file and a bad target file are found here, before any request. */
function plan(argv: string[]): TopologyPlan {
  const { values } = parseCommandArgs(argv, OPTIONS);
  const sdsTarget = values['sds-target'];
  if (!values.registry === !sdsTarget)
    throw new UsageError('give either --registry FILE or --sds-target FILE --ods A,B,C');
  const reportsDir = fromCwd(values.reports ?? 'reports');
  const common = [
    '--tags',
    '@static',
    '--reports',
    reportsDir,
    ...(values.quiet ? ['--quiet'] : []),
    join(PACKAGE_ROOT, 'features', 'topology'),
  ];
  if (values.registry) {
    if (values.ods) throw new UsageError('--ods goes with --sds-target; an estate file lists its own organisations');
    const file = fromCwd(values.registry);
    const { registry } = loadEstateFile(file);
    return {
      runArgs: common,
      env: { [ESTATE_FILE_ENV]: file, [ESTATE_ODS_ENV]: undefined },
      reportsDir,
      estate: async () => ({ source: file, registry }),
    };
  }
  const ods = (values.ods ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!ods.length) throw new UsageError('--sds-target needs --ods A,B,C: the organisations whose records to rebuild');
  const bad = ods.find((o) => !ODS_PATTERN.test(o));
  if (bad) throw new UsageError(`--ods: "${bad}" is not an ODS code (^[0-9A-Z]+$)`);
  // A shipped profile by name, as for run; the embedded run has no SDS until it starts, so no name for it here.
  const targetFile = resolveTarget(sdsTarget!);
  if (!targetFile)
    throw new UsageError(
      '--sds-target embedded: the embedded SDS exists only inside a run; give a target file (gpc-assure simulate --write-target FILE) or a profile such as nhs-sandbox',
    );
  const target = loadTargetFile(targetFile);
  const env = { [ESTATE_FILE_ENV]: undefined, [ESTATE_ODS_ENV]: ods.join(',') };
  return {
    runArgs: ['--target', targetFile, ...common],
    env,
    reportsDir,
    estate: () => assessEstate(target, { ...process.env, ...env }),
  };
}

export async function topologyCommand(argv: string[]): Promise<number> {
  const p = plan(argv);
  for (const [name, value] of Object.entries(p.env)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  const code = await runCommand.run(p.runArgs);
  const { source, registry, gap } = await p.estate();
  const path = join(p.reportsDir, 'topology.svg');
  writeFileSync(path, estateSvg(source, registry, violations(registry)));
  process.stdout.write(`gpc-assure topology: estate drawn at ${path}\n`);
  // An estate with nothing of an organisation asked about is bad configuration (the reports say so too).
  if (gap) {
    process.stderr.write(`gpc-assure topology: config: ${gap}; check --ods and --sds-target\n`);
    return 2;
  }
  return code;
}

export const topology: Command = {
  summary: 'check a supplier estate against the system topology rules T1–T13 (facts §8) and draw it',
  usage: [
    'gpc-assure topology (--registry FILE | --sds-target NAME|FILE --ods A,B,C) [--reports DIR] [--quiet]',
    '  --registry FILE    an estate file (schemas/estate.schema.json): systems, AS and MHS records, agreements',
    '  --sds-target FILE  a target file (or shipped profile, e.g. nhs-sandbox) whose SDS to rebuild the estate from,',
    '                     for the organisations in --ods',
    '  --reports DIR      where reports go (default ./reports): the run reports plus topology.svg',
  ],
  run: topologyCommand,
};
