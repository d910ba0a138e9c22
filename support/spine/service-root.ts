/** The service root URL format (WE-2b, TOP-T10). Shared by the SDS checks and the topology rules. */
/** https?://host/{ODS}/STU3/{major}/… with no trailing slash, carrying the practice's ODS code. */
export function rootProblem(root: unknown, ods: string): string | undefined {
  if (typeof root !== 'string') return 'no address';
  if (root.endsWith('/')) return `${root} ends with a slash`;
  let url: URL;
  try {
    url = new URL(root);
  } catch {
    return `${root} is not an absolute URL`;
  }
  const segments = url.pathname.split('/').filter(Boolean);
  if (segments[0] !== ods) return `${root} does not start its path with the practice ODS code ${ods}`;
  if (segments[1] !== 'STU3') return `${root} does not name FHIR version STU3 after the ODS code`;
  if (!/^\d+$/.test(segments[2] ?? '')) return `${root} has no GP Connect major version after STU3`;
  return undefined;
}
