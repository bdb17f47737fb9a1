/**
 * Uploaded images' records and where articles use them.
 * Used by services/images, reading, syndication.
 */
import type { Image, ImageDetails } from '../../domain/image.js';

export interface ImageStore {
  /** Records an upload whose files are already stored. */
  create(image: Image): Promise<void>;
  byId(id: string): Promise<Image | null>;
  /** These images (missing ones left out), in no particular order. */
  byIds(ids: readonly string[]): Promise<Image[]>;
  /** The newest uploads first. */
  recent(limit: number): Promise<Image[]>;
  /** The image after the change, or null if there is no such image. */
  updateDetails(id: string, details: ImageDetails): Promise<Image | null>;
  /** Sets (or, with null, removes) an article's main image; false if there is no such article. */
  setMainImage(articleId: string, imageId: string | null): Promise<boolean>;
  /** Ids of the articles showing this image: as their main image or placed in their body. */
  articlesUsing(imageId: string): Promise<string[]>;
}
