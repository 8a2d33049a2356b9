import { useQuery } from "@tanstack/react-query";
import type { ComponentProps } from "react";
import { CheckboxGroup } from "../../ui/CheckboxGroup";
import { serviceListQuery } from "./api";

/** The services a user holds (several allowed): they see and act on those services' patients. */
export function ServiceChoices(props: { legend: string; value: readonly string[]; onChange: (services: string[]) => void; errors?: readonly string[] }) {
  const services = useQuery(serviceListQuery());
  return <CheckboxGroup {...props} options={(services.data ?? []).map((s) => ({ value: s.code, label: s.displayName }))} />;
}

/** A select of the services, for the one a patient belongs to; the rest of its props (a {@link Field}'s id and aria attributes) go to the select. */
export function ServiceSelect({
  value,
  onChange,
  ...select
}: { value: string; onChange: (code: string) => void } & Omit<ComponentProps<"select">, "value" | "onChange">) {
  const services = useQuery(serviceListQuery());
  return (
    <select {...select} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">Choose a service</option>
      {(services.data ?? []).map((s) => (
        <option key={s.code} value={s.code}>
          {s.displayName}
        </option>
      ))}
    </select>
  );
}
