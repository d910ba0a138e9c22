/**
 * Each scenario leaves the provider's slots as it found them: what it booked is cancelled when it ends
 * (support/world/lifecycle.ts). Defined after support/world/hooks.ts, so Cucumber runs it before that file's
 * After hook writes the evidence, and the clean-up exchanges are part of it.
 */
import { After } from '@cucumber/cucumber';
import { cancelWhatWasBooked } from '../../support/world/lifecycle';
import type { GpcWorld } from '../../support/world/world';

After(async function (this: GpcWorld) {
  await cancelWhatWasBooked(this);
});
