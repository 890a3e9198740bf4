/** The roles a token may carry (API.md, Conventions). `auditor`: city-wide and read-only; write routes never list it. */
export const ROLES = ['recorder', 'checker', 'planner', 'inspector', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];
