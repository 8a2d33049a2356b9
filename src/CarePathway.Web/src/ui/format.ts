const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });

export const formatDateTime = (iso: string | null | undefined) => (iso ? dateTime.format(new Date(iso)) : "—");
export const formatDate = (iso: string | null | undefined) => (iso ? dateOnly.format(new Date(iso)) : "—");

/** "the gate did not pass" → "The gate did not pass". */
export const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** A server message as a sentence a person reads: capitalised, ending with a full stop. */
export const asSentence = (text: string) => {
  const sentence = capitalised(text.trim());
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
};

/** A JSON value as JSON writes it: text as it is, a number, true/false, null; an object or array as its JSON. */
export const jsonText = (value: unknown): string => (typeof value === "string" ? value : (JSON.stringify(value) ?? ""));

/** Any JSON value as short text: evidence and journal data hold whatever the pathway computed. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number" || typeof value === "string") return String(value);
  if (Array.isArray(value)) return value.map(formatValue).join(", ");
  if (typeof value === "object" && "value" in value) {
    const v = value as { value: unknown; unit?: unknown };
    return v.unit ? `${formatValue(v.value)} ${formatValue(v.unit)}` : formatValue(v.value);
  }
  return JSON.stringify(value);
}
