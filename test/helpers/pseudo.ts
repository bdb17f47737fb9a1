/**
 * Checks that a page drawn in the pseudo-language `en-XA` (cookie `bs-lang=en-XA`) has no text
 * that did not come from the catalogue: every catalogue text is marked ⟦…⟧ there, so what is
 * left after removing the marked parts, the allowed strings (the site's and the people's own
 * words: headlines, names, comment bodies) and markup is English a view wrote itself.
 */
export const pseudoCookie = 'bs-lang=en-XA';

/** Text and visible attribute values of a page that are neither marked nor allowed. */
export function untranslated(page: string, allowed: readonly string[] = []): string[] {
  let text = page
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(script|style|template|svg|pre|code)\b[\s\S]*?<\/\1>/g, ' ');
  const attributes = [...text.matchAll(/\b(aria-label|title|alt|placeholder)="([^"]*)"/g)].map(
    (m) => m[2] ?? '',
  );
  text = text.replace(/<[^>]*>/g, '\n');
  const pieces = [...text.split('\n'), ...attributes].map((piece) => {
    let rest = decode(piece);
    // Innermost first: a message may hold another as a value (⟦… ⟦1.0 MB⟧ …⟧).
    for (let before = ''; before !== rest;) {
      before = rest;
      rest = rest.replace(/⟦[^⟦⟧]*⟧/g, ' ');
    }
    for (const allow of [...allowed].sort((a, b) => b.length - a.length)) {
      if (allow) rest = rest.split(allow).join(' ');
    }
    return rest.trim();
  });
  return pieces.filter((piece) => /[A-Za-z]{2,}/.test(piece));
}

function decode(text: string): string {
  return text
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, '\u00a0')
    .replace(/&amp;/g, '&');
}
