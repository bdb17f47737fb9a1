/** English: the moderation namespace (see common.ts for the format). */
export default {};
