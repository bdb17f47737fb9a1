/**
 * Images on pages: responsive WebP through `srcset` (the browser picks the width it needs), the
 * fallback file as `src`, intrinsic width and height so nothing jumps as it loads, and a figure
 * whose caption carries the caption and credit.
 */
import { altText, fallbackOf, imagePath, srcset, variantFor, type Image } from '../domain/image.js';
import { html, type SafeHtml } from './html.js';

/** Layout widths for `sizes`: the article column (38rem, growing with the text size). */
export const sizes = {
  article: '(min-width: 44rem) 42rem, calc(100vw - 2rem)',
  lead: '(min-width: 60rem) 36rem, calc(100vw - 2rem)',
  card: '(min-width: 40rem) 20rem, calc(100vw - 2rem)',
} as const;

export function imgTag(
  image: Image,
  options: { sizes: string; lazy: boolean; className?: string },
): SafeHtml {
  const fallback = fallbackOf(image) ?? variantFor(image, 960);
  // The intrinsic size is the upright original's: the browser needs the ratio, not the file's.
  return html`<img src="${fallback ? imagePath(fallback.file) : ''}" srcset="${srcset(image)}" sizes="${options.sizes}" width="${image.width}" height="${image.height}" alt="${altText(image)}"${options.lazy ? html` loading="lazy"` : ''} decoding="async"${options.className ? html` class="${options.className}"` : ''} />`;
}

function caption(image: Image): SafeHtml | '' {
  if (!image.caption && !image.credit) return '';
  return html`<figcaption>${image.caption}${image.caption && image.credit ? ' ' : ''}${
    image.credit ? html`<span class="credit">${image.credit}</span>` : ''
  }</figcaption>`;
}

/** A figure: the image with its caption and credit. */
export function figure(
  image: Image,
  options: { sizes: string; lazy: boolean; className?: string },
): SafeHtml {
  return html`<figure${options.className ? html` class="${options.className}"` : ''}>
    ${imgTag(image, { sizes: options.sizes, lazy: options.lazy })} ${caption(image)}
  </figure>`;
}
