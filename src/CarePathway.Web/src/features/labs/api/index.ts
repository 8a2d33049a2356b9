import { queryOptions } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";

/** The lab tests a result can be recorded under (code, name, the units each is accepted in): the same for everyone, so cached long. */
export const labCatalogQuery = () =>
  queryOptions({
    queryKey: ["lab-catalog"] as const,
    queryFn: () => unwrap(api.GET("/api/lab-catalog")),
    staleTime: Infinity,
  });
