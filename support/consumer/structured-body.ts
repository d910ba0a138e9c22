/**
 * CON-ARS-PARAMETERS: a consumer's get structured record body judged by the operation's own reading
 * (CON-ARS-PARAMETERS) — the embedded provider's, which refuses with the status and Spine code of ARS-INVALID-PARAMETER / ARS-INVALID-RESOURCE — plus what
 * a provider tolerates and a consumer still must not do: send a parameter or part the operation does not have.
 */
import { GpcError } from '../simulators/provider/outcomes';
import { readStructuredQuery } from '../simulators/provider/structured/parameters';
import { ukDate } from '../spine/uk-time';

export function structuredBodyProblem(body: string | undefined, at: string): string | undefined {
  try {
    const query = readStructuredQuery(body ?? '', { today: ukDate(new Date(at)) });
    return query.unrecognised.length ? `unrecognised parameters: ${query.unrecognised.join(', ')}` : undefined;
  } catch (err) {
    if (err instanceof GpcError) return `a provider refuses it ${err.status} ${err.code}: ${err.message}`;
    throw err;
  }
}
