/**
 * The per-capability spec version model (ARS-METADATA, ARS-JWT-1.6). Real providers run Appointment Management and
 * Foundations on the 1.2.x line and Access Record Structured and Access Document on the 1.5/1.6 line, so
 * one version for the whole run is wrong for one of them. A target file names a version per capability
 * (`specVersions`, defaults below); the version's line selects, as data, the profile set bodies are held
 * to, the JWT rule variant the provider applies and the CapabilityStatement `version` it must declare.
 */
import type { Capability } from './interactions';

export type SpecVersions = Record<Capability, string>;

/** The newest published version of each line (the GP Connect release pages): what an unconfigured run assures. */
export const DEFAULT_SPEC_VERSIONS: Readonly<SpecVersions> = {
  appointments: '1.2.9',
  structured: '1.6.2',
  documents: '1.6.2',
};

/** The profile packages scripts/generate-schemas.ts compiles (FHIR-PROFILE: FHIR-1.2.7, FHIR-1.5.0). */
export type ProfileSet = 'gpconnect-1.2.7' | 'gpconnect-1.5.0';

/** Where each set's compiled artefacts live under schemas/ (the 1.2.7 set kept its original folder). */
export const PROFILE_SET_DIRS: Readonly<Record<ProfileSet, string>> = {
  'gpconnect-1.2.7': 'fhir',
  'gpconnect-1.5.0': 'fhir-1.5.0',
};

/**
 * The JWT rule variants (JWT-* records, ARS-JWT-1.6): 1.2 is the claims of the 'Cross-organisation audit and provenance' page exactly; 1.6 adds the `migration`
 * reason for the migrate interactions and the confidentiality scopes after the interaction's scope.
 */
export type JwtVariant = 'gpc-1.2' | 'gpc-1.6';

export interface JwtVariantRules {
  /** reason_for_request values every interaction accepts. */
  reasons: readonly string[];
  /** Extra reasons accepted only on these interactions (by name). */
  reasonsFor: Readonly<Record<string, readonly string[]>>;
  /** Space-separated scopes allowed after the interaction's own (absent means conf/N, JWT-SCOPE-MATCH). */
  confidentialityScopes: readonly string[];
}

export const JWT_VARIANTS: Readonly<Record<JwtVariant, JwtVariantRules>> = {
  'gpc-1.2': { reasons: ['directcare'], reasonsFor: {}, confidentialityScopes: [] },
  'gpc-1.6': {
    reasons: ['directcare'],
    reasonsFor: { 'migrate structured record': ['migration'], 'migrate document': ['migration'] },
    confidentialityScopes: ['conf/N', 'conf/R'],
  },
};

/** One spec line of one capability: what a version on it selects. */
export interface SpecLine {
  capability: Capability;
  /** major.minor, e.g. `1.6`; a version is on the line when it starts with `line.`. */
  line: string;
  profileSet: ProfileSet;
  jwt: JwtVariant;
  source: string;
}

/**
 * The supported lines. ARS 1.2.x (allergies and medication only) is not assured: its OperationDefinition
 * v1.12 differs from the 1.5/1.6 one this harness builds and serves.
 */
export const SPEC_LINES: readonly SpecLine[] = [
  { capability: 'appointments', line: '1.2', profileSet: 'gpconnect-1.2.7', jwt: 'gpc-1.2', source: 'facts §0, §3.2' },
  { capability: 'structured', line: '1.5', profileSet: 'gpconnect-1.5.0', jwt: 'gpc-1.2', source: 'facts §0, §3.3' },
  { capability: 'structured', line: '1.6', profileSet: 'gpconnect-1.5.0', jwt: 'gpc-1.6', source: 'facts §0, §3.3' },
  { capability: 'documents', line: '1.6', profileSet: 'gpconnect-1.5.0', jwt: 'gpc-1.6', source: 'facts §0, §3.3' },
];

const onLine = (version: string, line: string) => version.startsWith(`${line}.`) && /^\d+\.\d+\.\d+$/.test(version);

/** The line a capability's version is on, or undefined when this harness does not assure that version. */
export function specLine(capability: Capability, version: string): SpecLine | undefined {
  return SPEC_LINES.find((l) => l.capability === capability && onLine(version, l.line));
}

/** Why a configured version cannot be assured, or undefined when it can (the target loader's check). */
export function specVersionProblem(capability: Capability, version: string): string | undefined {
  if (specLine(capability, version)) return undefined;
  const lines = SPEC_LINES.filter((l) => l.capability === capability).map((l) => `${l.line}.x`);
  return `"${version}" is not a supported ${capability} version (supported: ${lines.join(', ')})`;
}

/** The configured versions with the defaults filled in. */
export function specVersionsOf(configured: Partial<SpecVersions> | undefined): SpecVersions {
  return { ...DEFAULT_SPEC_VERSIONS, ...configured };
}

function lineOf(capability: Capability, version: string): SpecLine {
  const line = specLine(capability, version);
  if (!line) throw new Error(specVersionProblem(capability, version));
  return line;
}

export const profileSetFor = (capability: Capability, version: string): ProfileSet =>
  lineOf(capability, version).profileSet;

export const jwtVariantFor = (capability: Capability, version: string): JwtVariant => lineOf(capability, version).jwt;

/**
 * Whether a CapabilityStatement `version` is the version the target declares for the capability (WE-3e:
 * equality, as issue 13 asks). NB the published 1.2.9 template still says 1.2.7 (ARS-METADATA): a provider
 * serving it unchanged fails here unless its target declares `specVersions.appointments: 1.2.7`.
 */
export function declaredVersionProblem(capability: Capability, assured: string, declared: unknown): string | undefined {
  lineOf(capability, assured);
  if (declared === assured) return undefined;
  return `CapabilityStatement.version ${JSON.stringify(declared)} is not the ${capability} version ${assured} the target declares (specVersions.${capability})`;
}

/** The JWT variant for a request under a capability's root (gpc-1.2 when the capability is unknown). */
export const jwtVariantOf = (capability: Capability | undefined, versions?: Partial<SpecVersions>): JwtVariant =>
  capability ? jwtVariantFor(capability, specVersionsOf(versions)[capability]) : 'gpc-1.2';
