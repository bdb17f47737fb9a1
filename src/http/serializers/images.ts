/** An image as the JSON API gives it: each variant with its absolute URL, and a srcset. */
import { fallbackOf, imagePath, responsiveVariants, type Image } from '../../domain/image.js';

export function imageJson(image: Image, baseUrl: string) {
  const url = (file: string) => baseUrl + imagePath(file);
  const fallback = fallbackOf(image);
  return {
    id: image.id,
    originalName: image.originalName,
    format: image.format,
    width: image.width,
    height: image.height,
    alt: image.alt,
    decorative: image.decorative,
    caption: image.caption,
    credit: image.credit,
    url: fallback ? url(fallback.file) : '',
    srcset: responsiveVariants(image)
      .map((v) => `${url(v.file)} ${v.width}w`)
      .join(', '),
    variants: image.variants.map((v) => ({
      purpose: v.purpose,
      width: v.width,
      height: v.height,
      format: v.format,
      url: url(v.file),
      bytes: v.bytes,
    })),
    uploadedBy: image.uploadedBy,
    createdAt: image.createdAt,
  };
}
