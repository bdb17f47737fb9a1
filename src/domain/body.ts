/**
 * An article body is Markdown in which a line `[[related:SLUG]]` places the headline of
 * another article between paragraphs. This splits a body into its pieces.
 */
export type BodyPart = { kind: 'markdown'; text: string } | { kind: 'related'; slug: string };

const relatedLine = /^[ \t]*\[\[related:([a-z0-9]+(?:-[a-z0-9]+)*)\]\][ \t]*$/;

export function splitBody(body: string): BodyPart[] {
  const parts: BodyPart[] = [];
  let buffer: string[] = [];
  let fenced = false;
  const flush = () => {
    const text = buffer.join('\n');
    if (text.trim() !== '') parts.push({ kind: 'markdown', text });
    buffer = [];
  };
  for (const line of body.split(/\r?\n/)) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const match = fenced ? null : relatedLine.exec(line);
    if (match?.[1]) {
      flush();
      parts.push({ kind: 'related', slug: match[1] });
    } else {
      buffer.push(line);
    }
  }
  flush();
  return parts;
}

export function relatedSlugsIn(body: string): string[] {
  const slugs: string[] = [];
  for (const part of splitBody(body)) {
    if (part.kind === 'related' && !slugs.includes(part.slug)) slugs.push(part.slug);
  }
  return slugs;
}
