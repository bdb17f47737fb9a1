/**
 * An article body is Markdown in which a line `[[related:SLUG]]` places the headline of
 * another article between paragraphs, and a line `[[image:ID]]` places an uploaded image (with
 * its alt text, caption and credit). This splits a body into its pieces.
 */
export type BodyPart =
  | { kind: 'markdown'; text: string }
  | { kind: 'related'; slug: string }
  | { kind: 'image'; id: string };

const relatedLine = /^[ \t]*\[\[related:([a-z0-9]+(?:-[a-z0-9]+)*)\]\][ \t]*$/;
const imageLine = /^[ \t]*\[\[image:([0-9a-z]{26})\]\][ \t]*$/;

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
    const related = fenced ? null : relatedLine.exec(line);
    const image = fenced ? null : imageLine.exec(line);
    if (related?.[1]) {
      flush();
      parts.push({ kind: 'related', slug: related[1] });
    } else if (image?.[1]) {
      flush();
      parts.push({ kind: 'image', id: image[1] });
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

/** Ids of the images a body places, in order, each once. */
export function imageIdsIn(body: string): string[] {
  const ids: string[] = [];
  for (const part of splitBody(body)) {
    if (part.kind === 'image' && !ids.includes(part.id)) ids.push(part.id);
  }
  return ids;
}
