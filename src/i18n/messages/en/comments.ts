/** English: the comments namespace (see common.ts for the format). */
export default {};
