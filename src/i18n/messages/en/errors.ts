/** English: the errors namespace (see common.ts for the format). */
export default {};
