/** Shapes shared by the validator modules: issues out, compiled artefacts in (see scripts/generate-schemas.ts). */
import type { ProfileSet } from '../../versions';

export type Rule =
  | 'cardinality'
  | 'type'
  | 'fixed'
  | 'pattern'
  | 'binding'
  | 'slice'
  | 'reference'
  | 'unknown-element'
  | 'bundle'
  | 'profile'
  | `invariant:${string}`;

export interface ValidationIssue {
  severity: 'error' | 'warning';
  /** FHIRPath-like: Bundle.entry[3].resource.identifier[0].system */
  location: string;
  profile?: string;
  profileVersion?: string;
  elementId?: string;
  rule: Rule;
  message: string;
}

export type FhirVersion = 'STU3' | 'R4';

export interface ValidateOptions {
  profile?: string;
  fhirVersion: FhirVersion;
  /** The GP Connect profile set the body is held to (support/versions.ts); default gpconnect-1.2.7. */
  profileSet?: ProfileSet;
  /** Profile per resourceType for Bundle entries without meta.profile (FHIR-PROFILE: slot search Bundles). */
  expectedProfiles?: Record<string, string>;
}

/** One snapshot element as the generator compacts it; absent keys mean "no constraint". */
export interface CompiledElement {
  min: number;
  max: string;
  /** The base definition repeats, so the JSON value is an array whatever the profile's max. */
  array?: true;
  sliceName?: string;
  types?: string[];
  profiles?: string[];
  targets?: string[];
  fixed?: unknown;
  pattern?: unknown;
  slicing?: { discriminator: string[]; rules?: string };
  binding?: { valueSet?: string; codes?: string[] };
  invariants?: Array<{ key: string; human: string; expression: string }>;
}

/** A profile or base type with the indexes the walker needs, built once per artefact. */
export interface Structure {
  /** The profile set it was compiled from; profiles and extensions it names are looked up in the same set. */
  profileSet?: ProfileSet;
  url?: string;
  version?: string | null;
  type: string;
  elements: Record<string, CompiledElement>;
  /** element id → child name (as in JSON, `value[x]` for choices) → child element id */
  children: Map<string, Map<string, string>>;
  /** element id → children (name, id) that must be present: min ≥ 1 themselves or through a slice */
  required: Map<string, Array<[string, string]>>;
  /** unsliced element id → its slice element ids */
  slices: Map<string, string[]>;
  /** element id → code set for required bindings, built lazily */
  codeSets: Map<string, Set<string>>;
}
