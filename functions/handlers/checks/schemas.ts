/** Field schemas other capabilities' handlers still import from here; they live in #http/schemas.ts. */
export { checkIdParam, matterField } from '#http/schemas.ts';
