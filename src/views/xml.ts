/** Text in XML: escaped, and without the characters XML 1.0 does not allow at all. */

// Control characters other than tab and line breaks, the two non-characters and lone surrogates.
const notXml =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Drops what XML cannot hold (for libraries that escape on their own). */
export function xmlText(text: string): string {
  return text.replace(notXml, '');
}

const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Escaped for element content and attribute values alike. */
export function escapeXml(text: string): string {
  return xmlText(text).replace(/[&<>"']/g, (c) => escapes[c] ?? c);
}
