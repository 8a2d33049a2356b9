const plainDecimal = /^-?\d+(\.\d+)?$/;

/**
 * A number field as typed, for the server to check: empty is null, a plain decimal goes as a number, and anything
 * else ("abc", "36,5") goes as the text typed, which the server refuses naming the field. Never Number()'s NaN,
 * which JSON sends as null: a typo must not arrive as "no value" and be stored without one.
 */
export function typedNumber(text: string): number | string | null {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  return plainDecimal.test(trimmed) ? Number(trimmed) : trimmed;
}
