/**
 * The newsroom's images: upload (size limit, type from the bytes, decoded and re-encoded without
 * metadata), the text about them (alt, caption, credit), the main image of an article, and the
 * stored files for serving. Rules: docs/newsroom.md "Images".
 */
import type { Article } from '../domain/article.js';
import { imageIdsIn } from '../domain/body.js';
import { hasAlt, imageLimits, sniffImage, storedFileName, type Image } from '../domain/image.js';
import { newId } from '../domain/ids.js';
import type { User } from '../domain/user.js';
import { canEdit, isNewsroom } from '../domain/workflow.js';
import { AppError, notFound, tooLong } from '../errors.js';
import type { ImageStorage, StoredFile } from '../store/image-files.js';
import type { ImageDetails } from '../domain/image.js';
import type { Store } from '../store/types.js';
import type { ChangeBus } from './changes.js';
import { processImage, UnreadableImage } from './image-processing.js';

export interface ImageSettings {
  storage: ImageStorage;
  /** The largest upload, in bytes (then 413). */
  maxBytes: number;
  /** The most pixels an upload may have (then 422). */
  maxPixels: number;
  /** IMAGE_DELIVERY: `redirect` sends browsers to the store itself (when it can be reached so). */
  delivery?: 'proxy' | 'redirect';
}

export interface Upload {
  bytes: Uint8Array;
  /** The file's name on the uploader's computer (kept for the newsroom, never trusted). */
  name: string;
  details?: Partial<ImageDetails> | undefined;
}

/** A megabyte figure for messages: "10 MB", "2.5 MB". */
export function megabytes(bytes: number): string {
  return `${Number((bytes / 2 ** 20).toFixed(1))} MB`;
}

export interface ImageDeps {
  store: Pick<Store, 'images' | 'reader'>;
  changes: ChangeBus;
  settings: ImageSettings;
  now?: () => Date;
}

export class ImageService {
  private readonly store: ImageDeps['store'];
  private readonly changes: ChangeBus;
  readonly settings: ImageSettings;
  private readonly now: () => Date;

  constructor(deps: ImageDeps) {
    this.store = deps.store;
    this.changes = deps.changes;
    this.settings = deps.settings;
    this.now = deps.now ?? (() => new Date());
  }

  private requireNewsroom(actor: User) {
    if (!isNewsroom(actor.role)) {
      throw new AppError('newsroom_only', 'Only the newsroom can work with images.');
    }
  }

  /** Refuses a body over the limit before anything else looks at it. */
  tooLarge(): AppError {
    return new AppError(
      'file_too_large',
      `That file is too large: images can be at most ${megabytes(this.settings.maxBytes)}.`,
    );
  }

  async upload(actor: User, upload: Upload): Promise<Image> {
    this.requireNewsroom(actor);
    if (upload.bytes.length === 0) {
      throw new AppError('file_required', 'Choose an image file to upload.', { field: 'file' });
    }
    if (upload.bytes.length > this.settings.maxBytes) throw this.tooLarge();
    const sniffed = sniffImage(upload.bytes);
    if (!sniffed.accepted) {
      throw new AppError(
        'unsupported_image',
        `${sniffed.kind ? `That file is a ${sniffed.kind} image` : 'That file is not an image we accept'}: upload a JPEG, PNG or WebP image.`,
        { field: 'file' },
      );
    }
    const details = validDetails({
      alt: '',
      decorative: false,
      caption: '',
      credit: '',
      ...upload.details,
    });
    let processed;
    try {
      processed = await processImage(upload.bytes, sniffed.format, this.settings.maxPixels);
    } catch (error) {
      if (error instanceof UnreadableImage) {
        throw new AppError('unreadable_image', error.message, { field: 'file' });
      }
      throw error;
    }
    // Files first, then the record: a crash in between leaves unused files, never a record
    // pointing at nothing.
    await fromStore(async () => {
      for (const file of processed.files) await this.settings.storage.put(file.file, file.data);
    });
    const createdAt = this.now().toISOString();
    const image: Image = {
      id: newId(Date.parse(createdAt)),
      originalName: cleanName(upload.name),
      format: sniffed.format,
      width: processed.width,
      height: processed.height,
      ...details,
      variants: processed.files.map(({ data: _data, ...variant }) => variant),
      uploadedBy: actor.id,
      createdAt,
    };
    await this.store.images.create(image);
    return image;
  }

  async get(actor: User, id: string): Promise<Image> {
    this.requireNewsroom(actor);
    const image = await this.store.images.byId(id);
    if (!image) throw notFound('That image');
    return image;
  }

  async recent(actor: User, limit = 24): Promise<Image[]> {
    this.requireNewsroom(actor);
    return this.store.images.recent(limit);
  }

  /**
   * Changes the alt text, caption and credit. An author may change them only while every
   * article showing the image is one they may edit; the pages showing it are redrawn.
   */
  async updateDetails(actor: User, id: string, details: ImageDetails): Promise<Image> {
    const image = await this.get(actor, id);
    const valid = validDetails(details);
    const using = await this.articlesUsing(image.id);
    if (using.some((article) => !canEdit(actor, article))) {
      throw new AppError(
        'editor_only',
        'Only an editor can change an image shown on a scheduled or published article.',
      );
    }
    const updated = await this.store.images.updateDetails(image.id, valid);
    if (!updated) throw notFound('That image');
    for (const article of using) this.changes.publish({ kind: 'article', articleId: article.id });
    return updated;
  }

  /** Makes the image the article's main image (null removes it). */
  async setMainImage(actor: User, article: Article, imageId: string | null): Promise<void> {
    this.requireNewsroom(actor);
    if (!canEdit(actor, article)) {
      throw new AppError(
        'editor_only',
        'Only an editor can change an article once it is scheduled or published.',
      );
    }
    if (imageId !== null && !(await this.store.images.byId(imageId))) {
      throw new AppError('unknown_image', `There is no image "${imageId}".`, { field: 'image' });
    }
    if (!(await this.store.images.setMainImage(article.id, imageId)))
      throw notFound('That article');
    this.changes.publish({ kind: 'article', articleId: article.id });
  }

  /** The images a body places with [[image:ID]], by id (unknown ids are left out). */
  async inBody(body: string): Promise<Map<string, Image>> {
    const found = await this.store.images.byIds(imageIdsIn(body));
    return new Map(found.map((i) => [i.id, i]));
  }

  /**
   * Why the article's images keep it from being published, or null: every image it shows needs
   * alt text (or to be marked decorative), and every [[image:ID]] must name an uploaded image.
   */
  async publishingProblem(article: Article): Promise<AppError | null> {
    if (article.mainImage && !hasAlt(article.mainImage)) {
      return new AppError(
        'alt_text_missing',
        'Write alt text for the main image (or mark it decorative) before publishing or scheduling.',
      );
    }
    const ids = imageIdsIn(article.body);
    const found = await this.inBody(article.body);
    const unknown = ids.find((id) => !found.has(id));
    if (unknown) {
      return new AppError(
        'image_missing',
        `The body places an image that does not exist: [[image:${unknown}]].`,
        { field: 'body' },
      );
    }
    const bare = ids.map((id) => found.get(id)!).find((image) => !hasAlt(image));
    if (bare) {
      return new AppError(
        'alt_text_missing',
        `Write alt text for the image “${bare.originalName}” placed in the body (or mark it decorative) before publishing or scheduling.`,
      );
    }
    return null;
  }

  /** A stored file for serving, or null for any name we would never have stored. */
  async file(name: string): Promise<StoredFile | null> {
    if (!storedFileName.test(name)) return null;
    return fromStore(() => this.settings.storage.stream(name));
  }

  /** Whether a file is stored under the name (for a 304 without fetching the bytes). */
  async hasFile(name: string): Promise<boolean> {
    return storedFileName.test(name) && fromStore(() => this.settings.storage.has(name));
  }

  /** Whether files are served by redirecting to the store rather than through this server. */
  get redirects(): boolean {
    return this.settings.delivery === 'redirect' && this.settings.storage.signedUrl !== undefined;
  }

  /** The store's own address for a file (redirect delivery), or null if there is no such file. */
  async fileUrl(name: string): Promise<string | null> {
    const { storage } = this.settings;
    if (!storedFileName.test(name) || !storage.signedUrl) return null;
    return fromStore(() => storage.signedUrl!(name));
  }

  private async articlesUsing(imageId: string): Promise<Article[]> {
    const ids = await this.store.images.articlesUsing(imageId);
    const articles = await Promise.all(ids.map((id) => this.store.reader.getById(id)));
    return articles.filter((a): a is Article => a !== null);
  }
}

/**
 * A store that fails (an S3 server down or refusing, a folder unreadable) is 503 with Retry-After,
 * the cause logged: the request may well work in a moment, and nothing stored was lost.
 */
async function fromStore<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError) throw error;
    const unavailable = new AppError(
      'image_store_unavailable',
      'Images cannot be reached just now. Please try again in a moment.',
      { detail: error },
    );
    unavailable.retryAfterSeconds = 30;
    throw unavailable;
  }
}

function validDetails(details: ImageDetails): ImageDetails {
  const alt = details.alt.trim().replace(/\s+/g, ' ');
  const caption = details.caption.trim();
  const credit = details.credit.trim().replace(/\s+/g, ' ');
  if (alt.length > imageLimits.alt) {
    throw tooLong('alt', `Alt text can be at most ${imageLimits.alt} characters.`, imageLimits.alt);
  }
  if (caption.length > imageLimits.caption) {
    throw tooLong(
      'caption',
      `A caption can be at most ${imageLimits.caption} characters.`,
      imageLimits.caption,
    );
  }
  if (credit.length > imageLimits.credit) {
    throw tooLong(
      'credit',
      `A credit can be at most ${imageLimits.credit} characters.`,
      imageLimits.credit,
    );
  }
  // A decorative image has no alt text by definition.
  return { alt: details.decorative ? '' : alt, decorative: details.decorative, caption, credit };
}

/** The uploader's file name without folders or control characters, kept short. */
function cleanName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (clean || 'image').slice(0, imageLimits.name);
}
