/** English: the admin namespace (see common.ts for the format). */
export default {};
