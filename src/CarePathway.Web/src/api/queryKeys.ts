/**
 * The key factory a resource's queries share: `all` (everything about it), its lists by query and
 * its items by id, each a prefix of the next so one invalidation covers what is under it. Each
 * feature's api/ module makes its own (`taskKeys = resourceKeys<TaskListQuery>()(...)`).
 */
export const resourceKeys =
  <TQuery>() =>
  <const TRoot extends readonly string[]>(...all: TRoot) => ({
    all,
    lists: () => [...all, "list"] as const,
    list: (query: TQuery) => [...all, "list", query] as const,
    details: () => [...all, "detail"] as const,
    detail: (id: string) => [...all, "detail", id] as const,
  });
