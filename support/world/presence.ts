/**
 * Checks that compare an answer with what was sent or seen before, written so that absence never passes:
 * each also requires what must be there (the value sent, the slot booked, the slots offered before), so an
 * answer missing both sides of a comparison fails instead of agreeing with nothing.
 */

export interface Problem {
  expected: string;
  actual: string;
}

type Headers = Record<string, string | undefined>;

const headerValue = (headers: Headers, name: string) =>
  Object.entries(headers).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];

/** WE-1d: each header was sent, and the answer carries it back unchanged. */
export function mirrorProblems(sent: Headers, answered: Headers, names: readonly string[]): Problem[] {
  return names.flatMap((name): Problem[] => {
    const sentValue = headerValue(sent, name);
    const answeredValue = headerValue(answered, name);
    if (!sentValue) return [{ expected: `${name} sent on the request`, actual: `no ${name} sent: nothing to mirror` }];
    return answeredValue === sentValue
      ? []
      : [
          {
            expected: `${name} ${sentValue} mirrored`,
            actual: answeredValue ? `${name} ${answeredValue}` : `no ${name}`,
          },
        ];
  });
}

/**
 * WE-6d: the booked slot is not offered again, and the search that says so still offers what it offered
 * before the booking (an empty or shrunken answer would "not offer" the booked slot by offering nothing).
 * `before` are the free slot IDs of the search the slot was chosen from; `after` those of the search again.
 */
export function bookedSlotProblem(
  before: readonly string[],
  booked: string | undefined,
  after: readonly string[],
): Problem | undefined {
  if (!booked) return { expected: 'the ID of the slot booked', actual: 'no slot was booked' };
  if (!before.includes(booked))
    return { expected: `booked Slot/${booked} among the slots first offered`, actual: `offered ${before.join(', ')}` };
  if (after.includes(booked))
    return { expected: `booked Slot/${booked} no longer offered`, actual: 'still offered as free' };
  const others = before.filter((id) => id !== booked);
  const kept = others.filter((id) => after.includes(id));
  return others.length > 0 && kept.length === 0
    ? {
        expected: `the other slots offered before the booking (${others.join(', ')}) still offered`,
        actual: after.length ? `only ${after.join(', ')}` : 'an empty searchset: it offers nothing, so proves nothing',
      }
    : undefined;
}
