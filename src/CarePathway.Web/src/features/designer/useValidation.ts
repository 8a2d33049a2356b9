import { useEffect, useRef, useState } from "react";
import type { ValidationProblem } from "../../api/types";
import { validateDefinition } from "./api";
import type { DefinitionDoc } from "./definitionModel";

/**
 * Validates the document on the server (the engine's own validator and expression parser) a
 * moment after each edit; an answer to an older edit is ignored. The document as loaded comes with
 * its problems (the server validated it when it answered), so opening the designer shows them at
 * once, without a second round trip.
 */
export function useValidation(doc: DefinitionDoc, loadedProblems: ValidationProblem[], delayMs = 300): { problems: ValidationProblem[]; checking: boolean } {
  const loadedDoc = useRef(doc);
  const [state, setState] = useState({ problems: loadedProblems, checking: false });
  useEffect(() => {
    if (doc === loadedDoc.current) return;
    let current = true;
    setState((s) => ({ ...s, checking: true }));
    const timer = setTimeout(() => {
      validateDefinition(doc)
        .then((report) => current && setState({ problems: report.problems, checking: false }))
        .catch((e: Error) => current && setState({ problems: [{ activityId: null, field: "definition", message: e.message }], checking: false }));
    }, delayMs);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [doc, delayMs]);
  return state;
}
