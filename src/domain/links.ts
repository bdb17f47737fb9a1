/**
 * Which link targets user-supplied Markdown may keep. Browsers ignore tabs, newlines and spaces
 * inside URLs ("java\tscript:"), so a target is judged with them removed.
 */
const externalSchemes = /^(https?:|mailto:)/i;
/** A path on this site (`/x`, never `//host`) or a fragment. */
const sameSite = /^(\/(?!\/)|#)/;

export function isAllowedHref(href: string, options: { sameSite: boolean }): boolean {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const normalised = href.replace(/[\u0000-\u001f\u007f\s]+/g, '');
  return externalSchemes.test(normalised) || (options.sameSite && sameSite.test(normalised));
}
