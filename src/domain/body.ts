/**
 * An article body is Markdown in which a line `[[related:SLUG]]` places the headline of
 * another article between paragraphs, and a line `[[image:ID]]` places an uploaded image (with
 * its alt text, caption and credit). This splits a body into its pieces.
 */
import { renderArticleMarkdown } from './article-markdown.js';
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

/**
 * A body rendered when it is saved (decisions/0054): the HTML of its Markdown, with its
 * placements left as marks to fill in when the page is read (what a `[[related:SLUG]]` line
 * shows depends on other articles, an `[[image:ID]]` on the image's current text). Markdown with
 * raw HTML off escapes every `<` a writer types, so a mark cannot come from the text itself.
 */
export type RenderedPart = { kind: 'html'; html: string } | Exclude<BodyPart, { kind: 'markdown' }>;

/**
 * Bumped whenever the renderer's output changes (its options, markdown-it's version): a body
 * stored by another version is rendered again when read, until it is saved or backfilled.
 */
export const renderedBodyVersion = 1;
const versionMark = `<!--body:${renderedBodyVersion}-->`;
const placementMark = /<!--(related|image):([0-9a-z-]+)-->/;

/** The stored form of a body: its parts' HTML and placement marks, after a version mark. */
export function renderBody(body: string): string {
  return (
    versionMark +
    splitBody(body)
      .map((part) =>
        part.kind === 'markdown'
          ? renderArticleMarkdown(part.text)
          : `<!--${part.kind}:${part.kind === 'related' ? part.slug : part.id}-->`,
      )
      .join('')
  );
}

/** The parts of a stored body, or null when it was rendered by another version (or never). */
export function renderedParts(stored: string | null | undefined): RenderedPart[] | null {
  if (!stored?.startsWith(versionMark)) return null;
  const pieces = stored.slice(versionMark.length).split(placementMark);
  const parts: RenderedPart[] = [];
  // split() with two groups: html, kind, value, html, kind, value, …, html.
  for (let i = 0; i < pieces.length; i += 3) {
    const html = pieces[i]!;
    if (html !== '') parts.push({ kind: 'html', html });
    const kind = pieces[i + 1];
    const value = pieces[i + 2];
    if (kind === 'related' && value) parts.push({ kind: 'related', slug: value });
    else if (kind === 'image' && value) parts.push({ kind: 'image', id: value });
  }
  return parts;
}
