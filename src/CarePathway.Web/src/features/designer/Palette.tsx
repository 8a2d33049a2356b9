import type { ActivityDescriptor } from "../../api/types";

/** The activity catalog by category; a button adds one (keyboard-friendly, no drag needed). */
export function Palette({ catalog, disabled, onAdd }: { catalog: ActivityDescriptor[]; disabled: boolean; onAdd: (type: string) => void }) {
  const categories = [...new Set(catalog.map((a) => a.category))].sort();
  return (
    <nav className="palette" aria-label="Activity palette">
      <h2>Add activity</h2>
      {categories.map((category) => (
        <div key={category} role="group" aria-label={category}>
          <h3>{category}</h3>
          {catalog
            .filter((a) => a.category === category)
            .map((a) => (
              <button key={a.type} type="button" disabled={disabled} title={a.description} aria-label={`Add ${a.displayName}`} onClick={() => onAdd(a.type)}>
                {a.displayName}
              </button>
            ))}
        </div>
      ))}
    </nav>
  );
}
