/** English: the structure namespace (see common.ts for the format). */
export default {};
