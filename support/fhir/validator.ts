/**
 * Profile validation, in process and offline, against the compiled artefacts in schemas/ (built by
 * scripts/generate-schemas.ts): GP Connect STU3 profiles for provider payloads, JSON Schemas from the
 * OpenAPI specs for PDS/SDS R4 payloads. See support/fhir/validation/ for the individual rules.
 */
import { MAX_JSON_DEPTH, jsonDepthOver } from '../limits';
import { checkBundle } from './validation/bundle';
import { validateR4 } from './validation/r4';
import { validateResource, type Session } from './validation/resource';
import type { ValidateOptions, ValidationIssue } from './validation/types';
import { INTERACTIONS } from '../interactions';
import { profileSetFor, specVersionsOf, type ProfileSet, type SpecVersions } from '../versions';

export type { FhirVersion, ValidateOptions, ValidationIssue } from './validation/types';

const STU3 = 'https://fhir.nhs.uk/STU3/StructureDefinition/';

/** What each provider interaction returns: the profile of the body and of the Bundle entries by type. */
const EXPECTATIONS: Record<string, { profile?: string; entries?: Record<string, string> }> = {
  'search free slots': {
    profile: `${STU3}GPConnect-Searchset-Bundle-1`,
    entries: {
      Slot: `${STU3}GPConnect-Slot-1`,
      Schedule: `${STU3}GPConnect-Schedule-1`,
      Location: `${STU3}CareConnect-GPC-Location-1`,
      Practitioner: `${STU3}CareConnect-GPC-Practitioner-1`,
      Organization: `${STU3}CareConnect-GPC-Organization-1`,
    },
  },
  'find patient': {
    profile: `${STU3}GPConnect-Searchset-Bundle-1`,
    entries: { Patient: `${STU3}CareConnect-GPC-Patient-1` },
  },
  'find practitioner': {
    profile: `${STU3}GPConnect-Searchset-Bundle-1`,
    entries: { Practitioner: `${STU3}CareConnect-GPC-Practitioner-1` },
  },
  'find organization': {
    profile: `${STU3}GPConnect-Searchset-Bundle-1`,
    entries: { Organization: `${STU3}CareConnect-GPC-Organization-1` },
  },
  "retrieve patient's appointments": {
    profile: `${STU3}GPConnect-Searchset-Bundle-1`,
    entries: { Appointment: `${STU3}GPConnect-Appointment-1` },
  },
  'read patient': { profile: `${STU3}CareConnect-GPC-Patient-1` },
  'read practitioner': { profile: `${STU3}CareConnect-GPC-Practitioner-1` },
  'read organization': { profile: `${STU3}CareConnect-GPC-Organization-1` },
  'read location': { profile: `${STU3}CareConnect-GPC-Location-1` },
  'read appointment': { profile: `${STU3}GPConnect-Appointment-1` },
  'book appointment': { profile: `${STU3}GPConnect-Appointment-1` },
  'amend appointment': { profile: `${STU3}GPConnect-Appointment-1` },
  'cancel appointment': { profile: `${STU3}GPConnect-Appointment-1` },
  // Access Record Structured (1.5.0 set): the collection Bundle, its entries by type (ARS-BUNDLE, FHIR-PROFILE).
  'get structured record': {
    profile: `${STU3}GPConnect-StructuredRecord-Bundle-1`,
    entries: {
      Patient: `${STU3}CareConnect-GPC-Patient-1`,
      Organization: `${STU3}CareConnect-GPC-Organization-1`,
      Practitioner: `${STU3}CareConnect-GPC-Practitioner-1`,
      PractitionerRole: `${STU3}CareConnect-GPC-PractitionerRole-1`,
      Location: `${STU3}CareConnect-GPC-Location-1`,
      List: `${STU3}CareConnect-GPC-List-1`,
      AllergyIntolerance: `${STU3}CareConnect-GPC-AllergyIntolerance-1`,
      Medication: `${STU3}CareConnect-GPC-Medication-1`,
      MedicationStatement: `${STU3}CareConnect-GPC-MedicationStatement-1`,
      MedicationRequest: `${STU3}CareConnect-GPC-MedicationRequest-1`,
      Immunization: `${STU3}CareConnect-GPC-Immunization-1`,
      Encounter: `${STU3}CareConnect-GPC-Encounter-1`,
      Observation: `${STU3}CareConnect-GPC-Observation-1`,
      DiagnosticReport: `${STU3}CareConnect-GPC-DiagnosticReport-1`,
      Specimen: `${STU3}CareConnect-GPC-Specimen-1`,
      ReferralRequest: `${STU3}CareConnect-GPC-ReferralRequest-1`,
      ProcedureRequest: `${STU3}CareConnect-GPC-ProcedureRequest-1`,
    },
  },
  // Access Document (1.5.0 set, documents 1.6.x): the DocumentReferences of a search documents answer.
  'search documents': {
    entries: { DocumentReference: `${STU3}CareConnect-GPC-DocumentReference-1` },
  },
};

/** Every provider error body, whatever the interaction (FMT-ERROR-OUTCOME). */
const OPERATION_OUTCOME_PROFILE = `${STU3}GPConnect-OperationOutcome-1`;

/**
 * Defects in the published profiles (gpconnect-fhir, FHIR-PROFILE) that the harness tolerates on purpose: the issue stays,
 * downgraded to a warning that says why.
 */
const TOLERATED: Array<{
  profile?: string;
  elementId: string;
  rule: string;
  why: string;
  /** Only for a node like this (the one at the issue's location); absent: wherever the rule fails there. */
  only?: (node: unknown) => boolean;
}> = [
  {
    profile: `${STU3}GPConnect-Searchset-Bundle-1`,
    elementId: 'Bundle.entry',
    rule: 'cardinality',
    why: 'Searchset-Bundle-1 v1.0.0 demands an entry, but an empty Bundle is how "no slots" is answered (facts §10.7)',
  },
  {
    // The STU3 base Parameters (GP Connect does not profile the get structured record request).
    elementId: 'Parameters.parameter',
    rule: 'invariant:inv-1',
    why: 'GetStructuredRecord sends a clinical area with no parts as a bare {"name": "includeProblems"} (facts §5.8), which STU3 inv-1 forbids',
    // A bare parameter only: one carrying a value and parts (or a resource) still breaks inv-1.
    only: (node) => !!node && typeof node === 'object' && Object.keys(node).every((k) => k === 'name'),
  },
  {
    profile: `${STU3}CareConnect-GPC-DocumentReference-1`,
    elementId: 'DocumentReference.content.attachment.url',
    rule: 'cardinality',
    why: 'the published CareConnect-GPC-DocumentReference-1 (1.2.0) makes it 1..1, but the GP Connect 1.6.2 DocumentReference page (profile 1.3) gives 0..1: a placeholder for a document that is not available has no URL (DOC-ATTACHMENT)',
  },
];

/** The value at an issue's location (`Parameters.parameter[1].part[0]`) inside the resource validated. */
function nodeAt(resource: unknown, location: string): unknown {
  return location
    .split('.')
    .slice(1)
    .reduce<unknown>((node, step) => {
      const [, key, index] = /^([^[]+)(?:\[(\d+)\])?$/.exec(step) ?? [];
      const value = key && node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
      return index === undefined ? value : Array.isArray(value) ? value[Number(index)] : undefined;
    }, resource);
}

function tolerate(issue: ValidationIssue, resource: unknown): ValidationIssue {
  const known = TOLERATED.find(
    (t) =>
      t.profile === issue.profile &&
      t.elementId === issue.elementId &&
      t.rule === issue.rule &&
      (!t.only || t.only(nodeAt(resource, issue.location))),
  );
  return known ? { ...issue, severity: 'warning', message: `${issue.message} (tolerated: ${known.why})` } : issue;
}

/** Validates one resource (a Bundle with all its entries) and returns every issue, errors first. */
export function validate(resource: unknown, options: ValidateOptions): ValidationIssue[] {
  // A hostile body nested thousands deep would exhaust the recursive walk: it is refused, not walked.
  if (jsonDepthOver(resource))
    return [{ severity: 'error', location: '', rule: 'type', message: `nests deeper than ${MAX_JSON_DEPTH} levels` }];
  if (options.fhirVersion === 'R4') return validateR4(resource, options.profile);
  const session: Session = {
    issues: [],
    expectedProfiles: options.expectedProfiles ?? {},
    references: [],
    profileSet: options.profileSet,
  };
  const root = (resource as { resourceType?: unknown } | null)?.resourceType;
  const location = typeof root === 'string' ? root : '';
  validateResource(session, resource, location, options.profile);
  if (root === 'Bundle') checkBundle(session, resource as Record<string, unknown>, location, 0);
  return session.issues
    .map((issue) => tolerate(issue, resource))
    .sort((a, b) => Number(a.severity === 'warning') - Number(b.severity === 'warning'));
}

export interface ExchangeBodyOptions {
  hop: 'pds' | 'sds' | 'ssp' | 'provider';
  interaction?: string;
  fhirVersion?: 'STU3' | 'R4';
  /** The versions assured (defaults: support/versions.ts): the interaction's capability picks the profile set. */
  specVersions?: Partial<SpecVersions>;
}

/** The profile set of an interaction's capability at the assured version; 1.2.7 when it is not in the table. */
export function profileSetOfInteraction(name: string | undefined, versions?: Partial<SpecVersions>): ProfileSet {
  const capability = INTERACTIONS.find((i) => i.name === name)?.capability;
  return capability ? profileSetFor(capability, specVersionsOf(versions)[capability]) : 'gpconnect-1.2.7';
}

/**
 * Validates a response body as the hop it came from should have sent it: PDS/SDS bodies against the R4
 * schemas, bodies through the SSP against the interaction's profiles (an OperationOutcome against
 * GPConnect-OperationOutcome-1, unless the SSP itself wrote it). Who wrote it is decided once, by the
 * caller (hopOfSspAnswer), never guessed again here from the coding system: a provider error carrying a
 * legacy SSP system must still fail the provider's profile. The expectation applies even when the
 * body names no meta.profile (FHIR-PROFILE).
 */
export function validateExchangeBody(body: unknown, opts: ExchangeBodyOptions): ValidationIssue[] {
  const fhirVersion = opts.fhirVersion ?? (opts.hop === 'pds' || opts.hop === 'sds' ? 'R4' : 'STU3');
  if (fhirVersion === 'R4') return validate(body, { fhirVersion });
  const type = (body as { resourceType?: unknown } | null)?.resourceType;
  const expected = opts.interaction ? EXPECTATIONS[opts.interaction] : undefined;
  // The SSP's own errors are plain STU3 OperationOutcomes (GP Connect 'Spine Secure Proxy' page, §SSP error responses), not GPConnect-OperationOutcome-1.
  const errorProfile = opts.hop === 'ssp' ? undefined : OPERATION_OUTCOME_PROFILE;
  const profile = type === 'OperationOutcome' ? errorProfile : expected?.profile;
  const profileSet = profileSetOfInteraction(opts.interaction, opts.specVersions);
  return validate(body, { fhirVersion, profile, expectedProfiles: expected?.entries, profileSet });
}

/** STU3 issue-type code for each rule (http://hl7.org/fhir/STU3/valueset-issue-type.html). */
const ISSUE_TYPE_OF_RULE: Record<string, string> = {
  'unknown-element': 'structure',
  type: 'structure',
  cardinality: 'required',
  invariant: 'invariant',
  binding: 'code-invalid',
  reference: 'not-found',
  profile: 'not-supported',
};

/** The issues as an STU3 OperationOutcome (base profile: these are the harness's findings, not Spine's). */
export function toOperationOutcome(issues: ValidationIssue[]): Record<string, unknown> {
  const issue =
    issues.length > 0
      ? issues.map((i) => ({
          severity: i.severity,
          code: ISSUE_TYPE_OF_RULE[i.rule.startsWith('invariant:') ? 'invariant' : i.rule] ?? 'value',
          diagnostics: `${i.rule}: ${i.message}${i.profile ? ` [${i.profile}${i.profileVersion ? `|${i.profileVersion}` : ''}${i.elementId ? ` ${i.elementId}` : ''}]` : ''}`,
          location: [i.location],
          expression: [i.location],
        }))
      : [{ severity: 'information', code: 'informational', diagnostics: 'no issues' }];
  return { resourceType: 'OperationOutcome', issue };
}
