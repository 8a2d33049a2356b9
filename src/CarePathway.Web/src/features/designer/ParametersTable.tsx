import { useQuery } from "@tanstack/react-query";
import type { ValidationProblem } from "../../api/types";
import { jsonText } from "../../ui/format";
import { definitionSchemaQuery } from "./api";
import type { ParameterDoc } from "./definitionModel";

const types = ["number", "string", "boolean", "duration", "date"];

/** Units come from the definition schema the server publishes, so the list is never copied here. */
function useUnits(): string[] {
  const schema = useQuery(definitionSchemaQuery());
  const units = (schema.data as { $defs?: { parameter?: { properties?: { unit?: { enum?: unknown[] } } } } } | undefined)?.$defs?.parameter?.properties?.unit
    ?.enum;
  return (units ?? []).filter((u): u is string => typeof u === "string");
}

interface ParametersTableProps {
  parameters: ParameterDoc[];
  problems: ValidationProblem[];
  readOnly: boolean;
  onChange: (parameters: ParameterDoc[]) => void;
}

/** The definition's parameters: clinical numbers with their unit and source, editable in place. */
export function ParametersTable({ parameters, problems, readOnly, onChange }: ParametersTableProps) {
  const units = useUnits();
  const set = (index: number, change: Partial<ParameterDoc>) => onChange(parameters.map((p, i) => (i === index ? { ...p, ...change } : p)));
  const problemsOf = (index: number) => problems.filter((p) => p.field.startsWith(`parameters[${index}]`)).map((p) => p.message);
  return (
    <section aria-labelledby="parameters-title" className="parameters">
      <h2 id="parameters-title">Parameters</h2>
      <table className="grid compact">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Type</th>
            <th scope="col">Default</th>
            <th scope="col">Unit</th>
            <th scope="col">Source</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {parameters.map((p, i) => (
            <tr key={i} className={problemsOf(i).length ? "invalid" : undefined}>
              <td>
                <input aria-label={`Parameter ${i + 1} name`} value={p.name} disabled={readOnly} onChange={(e) => set(i, { name: e.target.value })} />
                {problemsOf(i).length > 0 && <div className="field-error">{problemsOf(i).join(" ")}</div>}
              </td>
              <td>
                <select aria-label={`Parameter ${i + 1} type`} value={p.type} disabled={readOnly} onChange={(e) => set(i, { type: e.target.value })}>
                  {types.map((t) => (
                    <option key={t}>{t}</option>
                  ))}
                </select>
              </td>
              <td>
                <input
                  aria-label={`Parameter ${i + 1} default`}
                  value={p.default === undefined || p.default === null ? "" : jsonText(p.default)}
                  disabled={readOnly}
                  onChange={(e) =>
                    set(i, {
                      default:
                        p.type === "number" && e.target.value !== ""
                          ? Number(e.target.value)
                          : p.type === "boolean"
                            ? e.target.value === "true"
                            : e.target.value,
                    })
                  }
                />
              </td>
              <td>
                <select
                  aria-label={`Parameter ${i + 1} unit`}
                  value={p.unit ?? ""}
                  disabled={readOnly}
                  onChange={(e) => set(i, { unit: e.target.value || null })}
                >
                  <option value="">—</option>
                  {units.map((u) => (
                    <option key={u}>{u}</option>
                  ))}
                </select>
              </td>
              <td>
                <input
                  aria-label={`Parameter ${i + 1} source`}
                  value={p.source}
                  disabled={readOnly}
                  onChange={(e) => set(i, { source: e.target.value })}
                  title={p.description ?? undefined}
                />
              </td>
              <td>
                <button type="button" className="link" disabled={readOnly} onClick={() => onChange(parameters.filter((_, j) => j !== i))}>
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" disabled={readOnly} onClick={() => onChange([...parameters, { name: "", type: "number", default: 0, unit: null, source: "" }])}>
        Add parameter
      </button>
    </section>
  );
}
