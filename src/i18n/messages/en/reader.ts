/** English: the reader namespace (see common.ts for the format). */
export default {};
