/** English: the email namespace (see common.ts for the format). */
export default {};
