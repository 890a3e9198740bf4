import { departments, lists, matters } from '#domain/reference.ts';

/**
 * The reference catalogue with its Chinese names, for integrators and the pages (GET /v1/catalogue).
 * Steps: the lists, departments and matters the service carries (data/lists.json), as they are.
 */
export function referenceCatalogue() {
  return {
    lists: lists.map(({ code, name, kind, severity, keeper, subjects, extendsTo }) => ({ code, name, kind, severity, keeper, subjects, extendsTo })),
    departments: departments.map(({ code, name }) => ({ code, name })),
    matters: matters.map(({ code, name }) => ({ code, name })),
  };
}
