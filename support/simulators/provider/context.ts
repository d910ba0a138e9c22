/** What every provider handler is given: the request, the practice the URL names, and the instance state. */
import type { SimRequest } from '../http-kit';
import type { FaultSwitches } from '../fault-points';
import type { HOSTED_PRACTICES } from '../fixtures/estate';
import { PROVIDER_DUTIES, type ProviderDuty } from './duties';
import type { ProviderState } from './state';

export type Practice = (typeof HOSTED_PRACTICES)[number];

export interface ProviderContext {
  req: SimRequest;
  /** Chosen by the ODS code in the URL only (T12). */
  practice: Practice;
  /** `{base}/{ODS}/STU3/1/{segment}`: the JWT aud, and the prefix of fullUrls and Location headers. */
  serviceRoot: string;
  /** The `{id}` of the matched interaction path, decoded. */
  id?: string;
  state: ProviderState;
  faults: FaultSwitches;
  /** Whether this provider performs a duty (all, unless a lenient fault took one out). */
  does: (duty: ProviderDuty) => boolean;
  now: Date;
}

/** `does` for a set of faults: every provider duty, less any a lenient fault takes out at 'provider.duties'. */
export function dutiesOf(faults: FaultSwitches): (duty: ProviderDuty) => boolean {
  const duties = faults.apply('provider.duties', new Set(PROVIDER_DUTIES), undefined);
  return (duty) => duties.has(duty);
}
