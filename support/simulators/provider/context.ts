/** What every provider handler is given: the request, the practice the URL names, and the instance state. */
import type { SimRequest } from '../http-kit';
import type { Faults } from '../faults';
import type { HOSTED_PRACTICES } from '../fixtures/estate';
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
  faults: Faults;
  now: Date;
}
