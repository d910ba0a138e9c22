/**
 * The resource being walked and the one way an issue is reported about it. Its own module, so the walker and
 * the rules it calls (slicing, value rules) all import it and none of them imports another in a circle.
 */
import type { ProfileSet } from '../../versions';
import type { Rule, Structure, ValidationIssue } from './types';

/** What the walker reports to the caller besides issues: references to resolve and resources to validate. */
export interface WalkHooks {
  /** A value of type Resource (contained, Bundle.entry.resource) found at `location`. */
  onResource(resource: unknown, location: string, scope: ResourceScope): void;
  /** A Reference.reference string, for resolution inside the resource or the enclosing Bundle. */
  onReference?(reference: string, location: string, elementPath: string): void;
}

/** The resource being walked: its structure and, for issues, which profile spoke. */
export interface ResourceScope {
  structure: Structure;
  issues: ValidationIssue[];
  hooks: WalkHooks;
  /** The session's profile set, for extensions met under a base (set-less) structure. */
  profileSet?: ProfileSet;
}

export function report(
  scope: ResourceScope,
  location: string,
  rule: Rule,
  message: string,
  elementId?: string,
  structure: Structure = scope.structure,
): void {
  scope.issues.push({
    severity: 'error',
    location,
    rule,
    message,
    elementId,
    ...(structure.url ? { profile: structure.url, profileVersion: structure.version ?? undefined } : {}),
  });
}
