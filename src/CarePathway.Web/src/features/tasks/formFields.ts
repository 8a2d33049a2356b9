import { typedNumber } from "../../ui/typedNumber";

/** A task's form fields as the engine stores them (HumanTask's formFields input). */
export interface FormField {
  name: string;
  label?: string;
  type?: "string" | "number" | "boolean" | "date";
  required?: boolean;
}

export function readFormFields(form: unknown): FormField[] {
  if (!Array.isArray(form)) return [];
  return form.filter((f): f is FormField => typeof f === "object" && f !== null && typeof (f as FormField).name === "string");
}

/** The typed value the server expects for a field, or undefined when left empty. */
export function fieldValue(field: FormField, raw: string | boolean): unknown {
  if (field.type === "boolean") return raw === true;
  if (raw === "" || raw === false) return undefined;
  return field.type === "number" && typeof raw === "string" ? typedNumber(raw) : raw;
}
