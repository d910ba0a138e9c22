/** NHS number Modulus 11 check (NHS Data Dictionary; facts §5.1): weights 10..2, 11→0, 10→invalid. */
export function nhsCheckDigit(firstNine: string): number | undefined {
  if (!/^\d{9}$/.test(firstNine)) return undefined;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(firstNine[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return undefined;
  return check;
}

export function isValidNhsNumber(value: string): boolean {
  if (!/^\d{10}$/.test(value)) return false;
  return nhsCheckDigit(value.slice(0, 9)) === Number(value[9]);
}

/** Why a value is not an NHS number, or undefined when it is one. */
export function nhsNumberProblem(value: string): string | undefined {
  if (!/^\d{10}$/.test(value)) return `"${value}" is not 10 digits`;
  const expected = nhsCheckDigit(value.slice(0, 9));
  if (expected === undefined) return `"${value}" has no valid check digit (Modulus 11 gives 10)`;
  if (expected !== Number(value[9])) return `"${value}" fails the check digit (expected ${expected})`;
  return undefined;
}
