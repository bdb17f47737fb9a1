/** English: the newsroom namespace (see common.ts for the format). */
export default {};
