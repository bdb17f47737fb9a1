/**
 * The site's identity (src/domain/site.ts): read by every page, kept in memory, and read again
 * after a `site` change — from this process or, through the relayed bus, any other — so every
 * server shows a new name or logo on its next page. Admins change it.
 */
import {
  defaultIdentity,
  identityLimits,
  isTimeZone,
  siteLanguages,
  type IdentityText,
  type SiteIcons,
  type SiteIdentity,
  type SiteImage,
} from '../domain/site.js';
import { sniffImage } from '../domain/image.js';
import { isAllowedHref } from '../domain/links.js';
import { isEmail, type User } from '../domain/user.js';
import { AppError, tooLong } from '../errors.js';
import type { ImageStorage } from '../store/image-files.js';
import type { Store } from '../store/types.js';
import type { ChangeBus } from './changes.js';
import { UnreadableImage } from './image-processing.js';
import { megabytes, type Upload } from './images.js';
import { makeIcons, makeLogo, type MadeFile } from './site-images.js';

/** Where each part of the identity is stored in the settings table. */
export const identityKeys = {
  name: 'site_name',
  tagline: 'site.tagline',
  description: 'site.description',
  publisherName: 'site.publisher_name',
  publisherUrl: 'site.publisher_url',
  publisherEmail: 'site.publisher_email',
  footerText: 'site.footer_text',
  credit: 'site.credit',
  timeZone: 'site.time_zone',
  language: 'site.language',
  logo: 'site.logo',
  icons: 'site.icons',
} as const satisfies Record<keyof SiteIdentity, string>;

export interface SiteDeps {
  store: Pick<Store, 'settings' | 'transaction'>;
  changes: ChangeBus;
  /** Where the logo and icon files are kept (the image store). */
  storage: ImageStorage;
  maxBytes: number;
  maxPixels: number;
}

function parseJson<T>(value: string | undefined, valid: (v: unknown) => v is T): T | null {
  if (value === undefined) return null;
  try {
    const parsed: unknown = JSON.parse(value);
    return valid(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

const isSiteImage = (v: unknown): v is SiteImage =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as SiteImage).file === 'string' &&
  Number.isInteger((v as SiteImage).width) &&
  Number.isInteger((v as SiteImage).height);

const isIcons = (v: unknown): v is SiteIcons =>
  typeof v === 'object' &&
  v !== null &&
  (['ico', 'png32', 'touch', 'png192', 'png512'] as const).every(
    (k) => typeof (v as SiteIcons)[k] === 'string',
  );

/** The identity from its stored settings; anything not stored is the default. */
export function identityFrom(stored: Readonly<Record<string, string>>): SiteIdentity {
  const text = (key: keyof typeof identityKeys) => stored[identityKeys[key]];
  return {
    name: text('name') || defaultIdentity.name,
    tagline: text('tagline') ?? defaultIdentity.tagline,
    description: text('description') ?? defaultIdentity.description,
    publisherName: text('publisherName') ?? defaultIdentity.publisherName,
    publisherUrl: text('publisherUrl') ?? defaultIdentity.publisherUrl,
    publisherEmail: text('publisherEmail') ?? defaultIdentity.publisherEmail,
    footerText: text('footerText') ?? defaultIdentity.footerText,
    credit: text('credit') === undefined ? defaultIdentity.credit : text('credit') === 'true',
    timeZone: text('timeZone') ?? defaultIdentity.timeZone,
    language: text('language') ?? defaultIdentity.language,
    logo: parseJson(text('logo'), isSiteImage),
    icons: parseJson(text('icons'), isIcons),
  };
}

/** One line of text: surrounding space trimmed, inner runs of space (newlines too) made one. */
const oneLine = (value: string) => value.replace(/\s+/g, ' ').trim();

/** The identity's text fields as given, checked; throws the first problem, naming its field. */
export function checkedIdentityText(input: Partial<IdentityText>): Partial<IdentityText> {
  const out: Partial<IdentityText> = {};
  for (const key of Object.keys(identityLimits) as (keyof typeof identityLimits)[]) {
    const raw = input[key];
    if (raw === undefined) continue;
    const value = oneLine(raw);
    if (value.length > identityLimits[key]) {
      throw tooLong(
        key,
        `This can be at most ${identityLimits[key]} characters.`,
        identityLimits[key],
      );
    }
    out[key] = value;
  }
  if (out.name !== undefined && out.name === '') {
    throw new AppError('site_name_required', 'Give the site a name.', { field: 'name' });
  }
  if (out.publisherUrl && !isWebAddress(out.publisherUrl)) {
    throw new AppError('invalid_url', 'Give a web address that starts with https:// or http://.', {
      field: 'publisherUrl',
    });
  }
  if (out.publisherEmail && !isEmail(out.publisherEmail)) {
    throw new AppError('invalid_email', 'Give an email address like name@example.com.', {
      field: 'publisherEmail',
    });
  }
  if (input.credit !== undefined) out.credit = input.credit;
  if (input.timeZone !== undefined) {
    if (!isTimeZone(input.timeZone)) {
      throw new AppError('invalid_time_zone', 'Choose a time zone from the list.', {
        field: 'timeZone',
      });
    }
    out.timeZone = input.timeZone;
  }
  if (input.language !== undefined) {
    if (!siteLanguages.some((l) => l.tag === input.language)) {
      throw new AppError('unknown_language', 'Choose a language from the list.', {
        field: 'language',
      });
    }
    out.language = input.language;
  }
  return out;
}

function isWebAddress(value: string): boolean {
  if (!/^https?:\/\//i.test(value) || !isAllowedHref(value, { sameSite: false })) return false;
  try {
    return new URL(value).hostname !== '';
  } catch {
    return false;
  }
}

export class SiteService {
  private readonly store: SiteDeps['store'];
  private cached: SiteIdentity | null = null;
  private loading: Promise<SiteIdentity> | null = null;
  /** Bumped by every change, so a read that began before it is not kept after it. */
  private generation = 0;
  private last: SiteIdentity = defaultIdentity;

  constructor(private readonly deps: SiteDeps) {
    this.store = deps.store;
    deps.changes.subscribe((change) => {
      if (change.kind !== 'site') return;
      this.generation++;
      this.cached = null;
      this.loading = null;
    });
  }

  /** The identity as stored now (read from memory unless a change has come since). */
  async identity(): Promise<SiteIdentity> {
    if (this.cached) return this.cached;
    if (!this.loading) {
      const generation = this.generation;
      const loading = this.store.settings
        .getMany(Object.values(identityKeys))
        .then(identityFrom)
        .then((identity) => {
          this.last = identity;
          if (this.generation === generation) this.cached = identity;
          return identity;
        })
        .finally(() => {
          if (this.loading === loading) this.loading = null;
        });
      this.loading = loading;
    }
    return this.loading;
  }

  /** The identity last read, without waiting (for emails' wording); the default before any. */
  current(): SiteIdentity {
    return this.cached ?? this.last;
  }

  /** Saves the text fields given (the others stay as they are). */
  async update(actor: User, input: Partial<IdentityText>): Promise<SiteIdentity> {
    requireAdmin(actor);
    const checked = checkedIdentityText(input);
    await this.store.transaction(async (tx) => {
      for (const [key, value] of Object.entries(checked) as [keyof IdentityText, unknown][]) {
        await tx.settings.set(identityKeys[key], String(value));
      }
    });
    return this.changed();
  }

  /** Makes the masthead logo from an uploaded picture. */
  async setLogo(actor: User, upload: Upload): Promise<SiteIdentity> {
    requireAdmin(actor);
    const { logo, files } = await this.made(upload, 'logo', makeLogo);
    await this.keep(files);
    await this.store.settings.set(identityKeys.logo, JSON.stringify(logo));
    return this.changed();
  }

  /** Makes the favicon, touch icon and app icons from an uploaded picture. */
  async setIcons(actor: User, upload: Upload): Promise<SiteIdentity> {
    requireAdmin(actor);
    const { icons, files } = await this.made(upload, 'icon', makeIcons);
    await this.keep(files);
    await this.store.settings.set(identityKeys.icons, JSON.stringify(icons));
    return this.changed();
  }

  /** Back to the site's name in letters, and the default icon. */
  async remove(actor: User, what: 'logo' | 'icons'): Promise<SiteIdentity> {
    requireAdmin(actor);
    // The files stay: a page cached elsewhere may still name them for a moment.
    await this.store.settings.set(identityKeys[what], 'null');
    return this.changed();
  }

  /** The bytes of a stored logo or icon file, or null. */
  file(name: string) {
    return this.deps.storage.stream(name);
  }

  private async made<T>(
    upload: Upload,
    field: 'logo' | 'icon',
    make: (bytes: Uint8Array, maxPixels: number) => Promise<T>,
  ): Promise<T> {
    if (upload.bytes.length === 0) {
      throw new AppError('file_required', 'Choose an image file to upload.', { field });
    }
    if (upload.bytes.length > this.deps.maxBytes) {
      throw new AppError(
        'file_too_large',
        `That file is too large: images can be at most ${megabytes(this.deps.maxBytes)}.`,
        { field },
      );
    }
    const sniffed = sniffImage(upload.bytes);
    if (!sniffed.accepted) {
      throw new AppError(
        'unsupported_image',
        `${sniffed.kind ? `That file is a ${sniffed.kind} image` : 'That file is not an image'}: upload a PNG, JPEG or WebP image.`,
        { field },
      );
    }
    try {
      return await make(upload.bytes, this.deps.maxPixels);
    } catch (error) {
      if (error instanceof UnreadableImage) {
        throw new AppError('unreadable_image', error.message, { field });
      }
      throw error;
    }
  }

  /** Files first, then the setting naming them: a crash between leaves an unused file only. */
  private async keep(files: readonly MadeFile[]): Promise<void> {
    for (const f of files) await this.deps.storage.put(f.file, f.data);
  }

  private async changed(): Promise<SiteIdentity> {
    this.deps.changes.publish({ kind: 'site' });
    return this.identity();
  }
}

function requireAdmin(actor: User): void {
  if (actor.role !== 'admin') {
    throw new AppError('admin_only', 'Only an admin can change the site’s settings.');
  }
}
