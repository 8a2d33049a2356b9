import { capitalised, formatValue } from "../../../ui/format";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Fields an evidence item is known to have; anything else the pathway adds is shown as label/value. */
const knownItemFields = new Set(["label", "value", "explanation", "passed"]);

export const isObject = (v: unknown): v is Record<string, Json> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The engine's evidence items (`{label, value, explanation, passed}`), each with its pass/fail when it is a check. */
export function EvidenceItems({ items }: { items: unknown[] }) {
  return (
    <ul className="evidence-items">
      {items.map((item, index) => (
        <EvidenceItem key={index} item={item as Json} />
      ))}
    </ul>
  );
}

function EvidenceItem({ item }: { item: Json }) {
  if (!isObject(item)) return <li>{formatValue(item)}</li>;
  const passed = typeof item.passed === "boolean" ? item.passed : null;
  // A quantity ({value, unit}) reads as one value, "108.6842 mL/min/1.73m2", not as a nested list.
  const nested = (isObject(item.value) && !("value" in item.value)) || Array.isArray(item.value);
  const extra = Object.entries(item).filter(([k]) => !knownItemFields.has(k));
  return (
    <li className={passed === null ? "evidence-item" : passed ? "evidence-item pass" : "evidence-item fail"}>
      <div className="evidence-head">
        <span className="evidence-label">{formatValue(item.label ?? "Item")}</span>
        <span className="evidence-value">{nested ? "" : formatValue(item.value)}</span>
        {passed !== null && <span className={passed ? "badge badge-ok" : "badge badge-danger"}>{passed ? "passes" : "fails"}</span>}
      </div>
      {nested && <NestedValue value={item.value ?? null} />}
      {item.explanation != null && <div className="explanation">{formatValue(item.explanation)}</div>}
      {extra.length > 0 && <ValueList entries={extra} />}
    </li>
  );
}

/** Any other fields as label/value rows; nested objects as nested lists, so nothing the server sent is hidden. */
export function ValueList({ entries }: { entries: [string, Json][] }) {
  return (
    <dl className="values">
      {entries.map(([key, value]) => (
        <div key={key}>
          <dt>{humanize(key)}</dt>
          <dd>{isObject(value) || (Array.isArray(value) && value.some(isObject)) ? <NestedValue value={value} /> : formatValue(value)}</dd>
        </div>
      ))}
    </dl>
  );
}

function NestedValue({ value }: { value: Json }) {
  if (Array.isArray(value)) {
    return (
      <ul className="plain">
        {value.map((v, i) => (
          <li key={i}>{isObject(v) ? <NestedValue value={v} /> : formatValue(v)}</li>
        ))}
      </ul>
    );
  }
  return isObject(value) ? <ValueList entries={Object.entries(value)} /> : <>{formatValue(value)}</>;
}

/** rollingYearTotal → "Rolling year total". */
const humanize = (key: string) => {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .toLowerCase();
  return capitalised(words);
};
