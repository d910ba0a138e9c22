/**
 * The worked example in depth (issue 5), kept at its old address: the records are
 * support/domain/behaviours/depth.ts and depth-after-booking.ts.
 */
import { requirement, type Requirement } from './domain/catalogue';
import { DEPTH } from './domain/behaviours/depth';
import { DEPTH_AFTER_BOOKING } from './domain/behaviours/depth-after-booking';

export const DEPTH_REQUIREMENTS: readonly Requirement[] = [...DEPTH, ...DEPTH_AFTER_BOOKING].map(
  (b) => requirement(b.id) as Requirement,
);
