/** English: the account namespace (see common.ts for the format). */
export default {};
