import { typedNumber } from "../../ui/typedNumber";

/** A task's form fields as the engine stores them (HumanTask's formFields input, or an activity's own form). */
export interface FormField {
  name: string;
  label?: string;
  type?: "string" | "number" | "boolean" | "date" | "datetime";
  required?: boolean;
  /** What the field starts with (e.g. the approved dose); null or absent: empty. */
  default?: unknown;
}

export function readFormFields(form: unknown): FormField[] {
  if (!Array.isArray(form)) return [];
  return form.filter((f): f is FormField => typeof f === "object" && f !== null && typeof (f as FormField).name === "string");
}

/** A moment as a `datetime-local` input holds it: the local wall-clock time, to the minute. */
export function localDateTime(at: Date): string {
  const local = new Date(at.getTime() - at.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

/**
 * What a field starts with in the form: its default from the server (the approved dose, the minimum infusion time), and
 * for a date-time the moment the page opened it (a nurse records an infusion just given; they change it if it was not).
 */
export function initialValue(field: FormField, now: Date): string | boolean {
  if (field.type === "boolean") return field.default === true;
  if (field.type === "datetime") return typeof field.default === "string" ? localDateTime(new Date(field.default)) : localDateTime(now);
  return typeof field.default === "number" || typeof field.default === "string" ? String(field.default) : "";
}

/** The typed value the server expects for a field, or undefined when left empty. */
export function fieldValue(field: FormField, raw: string | boolean): unknown {
  if (field.type === "boolean") return raw === true;
  if (raw === "" || raw === false) return undefined;
  if (field.type === "datetime" && typeof raw === "string") return new Date(raw).toISOString();
  return field.type === "number" && typeof raw === "string" ? typedNumber(raw) : raw;
}
