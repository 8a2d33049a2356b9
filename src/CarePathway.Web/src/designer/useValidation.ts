import { useEffect, useState } from "react";
import { api, unwrap } from "../api/client";
import type { ValidationProblem } from "../api/types";
import type { DefinitionDoc } from "./definitionModel";

/**
 * Validates the document on the server (the engine's own validator and expression parser) a
 * moment after each edit; an answer to an older edit is ignored.
 */
export function useValidation(doc: DefinitionDoc, delayMs = 300): { problems: ValidationProblem[]; checking: boolean } {
  const [state, setState] = useState<{ problems: ValidationProblem[]; checking: boolean }>({ problems: [], checking: true });
  useEffect(() => {
    let current = true;
    setState((s) => ({ ...s, checking: true }));
    const timer = setTimeout(() => {
      unwrap(api.POST("/api/definitions/validate", { body: doc as never }))
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
