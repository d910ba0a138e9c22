/**
 * `gpc-assure validate FILE... [--profile URL] [--fhir-version STU3|R4] [--interaction NAME] [--json]`:
 * validates saved payloads offline against the compiled profiles. Exit 1 when any file has an error,
 * 0 otherwise, 2 for bad usage. A test-fixture wrapper (`{ profile, fhirVersion, interaction, resource }`)
 * is unwrapped, so the corpus under test/fixtures can be checked by hand.
 */
import { InputLimitError, MAX_JSON_DEPTH, MAX_PAYLOAD_BYTES, jsonDepthOver, readBoundedFile } from '../limits';
import { validate, validateExchangeBody, type FhirVersion, type ValidationIssue } from '../fhir/validator';
import { UsageError, parseCommandArgs, type Command } from './usage';

const OPTIONS = {
  profile: { type: 'string' },
  'fhir-version': { type: 'string' },
  interaction: { type: 'string' },
  json: { type: 'boolean' },
} as const;

const USAGE = [
  'gpc-assure validate FILE... [--profile URL] [--fhir-version STU3|R4] [--interaction NAME] [--json]',
  "  --profile URL        validate against this profile (default: each resource's meta.profile, else the STU3 base)",
  '  --fhir-version V     STU3 (GP Connect, default) or R4 (PDS/SDS bodies, against their OpenAPI schemas)',
  '  --interaction NAME   apply the interaction\'s expectations, e.g. "search free slots" (Bundles without meta.profile)',
  '  --json               print [{file, issues}] as JSON instead of one line per issue',
];

interface FileResult {
  file: string;
  issues: ValidationIssue[];
}

interface Wrapper {
  resource: unknown;
  profile?: string;
  fhirVersion?: FhirVersion;
  interaction?: string;
}

function isWrapper(json: unknown): json is Wrapper {
  return typeof json === 'object' && json !== null && 'resource' in json && !('resourceType' in json);
}

function fhirVersionOption(value: string | undefined): FhirVersion | undefined {
  if (value === undefined || value === 'STU3' || value === 'R4') return value;
  throw new UsageError(`--fhir-version must be STU3 or R4, not "${value}"`);
}

function validateFile(
  file: string,
  flags: { profile?: string; fhirVersion?: FhirVersion; interaction?: string },
): FileResult {
  let json: unknown;
  try {
    json = JSON.parse(readBoundedFile(file, MAX_PAYLOAD_BYTES).toString('utf8'));
  } catch (err) {
    // A payload no honest system sends (endless, huge, not a file) is bad input, not an invalid resource.
    if (err instanceof InputLimitError) throw new UsageError(`${file} ${err.message}`);
    const message =
      (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `not JSON: ${(err as Error).message}`;
    return { file, issues: [{ severity: 'error', location: '', rule: 'type', message }] };
  }
  if (jsonDepthOver(json)) throw new UsageError(`${file} nests deeper than ${MAX_JSON_DEPTH} levels`);
  const wrapped = isWrapper(json) ? json : { resource: json };
  const fhirVersion = flags.fhirVersion ?? wrapped.fhirVersion ?? 'STU3';
  const profile = flags.profile ?? wrapped.profile;
  const interaction = flags.interaction ?? wrapped.interaction;
  const issues =
    interaction && !profile
      ? validateExchangeBody(wrapped.resource, {
          hop: fhirVersion === 'R4' ? 'pds' : 'provider',
          interaction,
          fhirVersion,
        })
      : validate(wrapped.resource, { profile, fhirVersion });
  return { file, issues };
}

function humanReadable(results: FileResult[]): string {
  return results
    .map(({ file, issues }) => {
      const errors = issues.filter((i) => i.severity === 'error').length;
      const head = `${file}: ${errors === 0 ? 'valid' : `${errors} error(s)`}${issues.length > errors ? `, ${issues.length - errors} warning(s)` : ''}`;
      const lines = issues.map(
        (i) =>
          `  ${i.severity} ${i.rule} at ${i.location}: ${i.message}${i.profile ? ` (${i.profile}${i.profileVersion ? `|${i.profileVersion}` : ''})` : ''}`,
      );
      return [head, ...lines].join('\n');
    })
    .join('\n');
}

/** Runs the command; resolves to the exit code. Bad usage throws UsageError, which main.ts turns into exit 2. */
export async function validateCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, OPTIONS, true);
  if (positionals.length === 0) throw new UsageError('validate needs at least one FILE');
  const flags = {
    profile: values.profile,
    fhirVersion: fhirVersionOption(values['fhir-version']),
    interaction: values.interaction,
  };
  const results = positionals.map((file) => validateFile(file, flags));
  process.stdout.write(`${values.json ? JSON.stringify(results, null, 2) : humanReadable(results)}\n`);
  return results.some((r) => r.issues.some((i) => i.severity === 'error')) ? 1 : 0;
}

/** The entry for the command table in support/cli/main.ts. */
export const validateCliCommand: Command = {
  summary: 'validate saved FHIR payloads offline against the GP Connect profiles and PDS/SDS schemas',
  usage: USAGE,
  run: validateCommand,
};
