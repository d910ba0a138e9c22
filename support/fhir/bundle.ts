/** Small, typed readers over FHIR JSON: bundle entries, references, identifiers, extensions. */
export type Resource = Record<string, unknown> & { resourceType?: string; id?: string };

export function entries(bundle: Resource): Resource[] {
  const list = bundle.entry;
  return Array.isArray(list) ? list.map((e) => (e as { resource?: Resource }).resource ?? {}) : [];
}

export function ofType(bundle: Resource, type: string): Resource[] {
  return entries(bundle).filter((r) => r.resourceType === type);
}

/** Finds `Type/id` among a bundle's entries (a relative reference that must resolve inside the bundle). */
export function resolve(bundle: Resource, reference: string | undefined): Resource | undefined {
  if (!reference) return undefined;
  const [type, id] = reference.split('/');
  return entries(bundle).find((r) => r.resourceType === type && r.id === id);
}

export function identifiers(resource: unknown): { system?: string; value?: string; extension?: unknown[] }[] {
  const list = (resource as { identifier?: unknown })?.identifier;
  if (Array.isArray(list)) return list as { system?: string; value?: string }[];
  return list && typeof list === 'object' ? [list as { system?: string; value?: string }] : [];
}

export function identifierValue(resource: unknown, system: string): string | undefined {
  return identifiers(resource).find((i) => i.system === system)?.value;
}

export function extensionsOf(resource: unknown, url: string): Record<string, unknown>[] {
  const list = (resource as { extension?: unknown })?.extension;
  return Array.isArray(list) ? (list as Record<string, unknown>[]).filter((e) => e.url === url) : [];
}

export function reference(value: unknown): string | undefined {
  return (value as { reference?: string } | undefined)?.reference;
}

/**
 * Whether meta.security carries the coding system|code. Compared field by field, not as JSON text: real PDS
 * writes a coding's keys as code, display, system, so a stringified match on "system":…,"code":… never fires.
 */
export function hasSecurityLabel(resource: unknown, system: string, code: string): boolean {
  const labels = (resource as { meta?: { security?: unknown } })?.meta?.security;
  return (
    Array.isArray(labels) &&
    labels.some((l) => (l as { system?: unknown })?.system === system && (l as { code?: unknown })?.code === code)
  );
}
