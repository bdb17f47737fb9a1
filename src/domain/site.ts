/**
 * The site's identity: what it is called and how it presents itself on every page, in its
 * feeds, its structured data and its emails. Admins set it in /admin/site (or the setup wizard);
 * nothing of it is written into the views.
 */
import { shippedLanguages } from '../i18n/languages.js';

/** A stored picture of the identity (the logo): a file of the image store and its pixel size. */
export interface SiteImage {
  file: string;
  width: number;
  height: number;
}

/** The site's icons, made from one upload: the browser tab's, the home screen's, the app's. */
export interface SiteIcons {
  /** 16, 32 and 48 px in one .ico file, for /favicon.ico. */
  ico: string;
  /** 32 px PNG for `<link rel="icon">`. */
  png32: string;
  /** 180 px PNG for iOS home screens (/apple-touch-icon.png). */
  touch: string;
  /** 192 and 512 px PNGs for the web app manifest. */
  png192: string;
  png512: string;
}

export interface SiteIdentity {
  name: string;
  tagline: string;
  /** The site's description for search engines and feeds (the front page's meta description). */
  description: string;
  /** Who publishes the site, in structured data and feeds; the site's name when empty. */
  publisherName: string;
  /** The publisher's own address, when it is not the site's. */
  publisherUrl: string;
  /** A contact address shown in the publisher's structured data. */
  publisherEmail: string;
  /** A line of text in every page's footer (a copyright line, an address). */
  footerText: string;
  /** "Published with Broadsheet" in the footer. */
  credit: boolean;
  /** The IANA time zone the newsroom works in, e.g. Europe/London. */
  timeZone: string;
  /** The language of the site's pages, as a BCP 47 tag of `siteLanguages`. */
  language: string;
  logo: SiteImage | null;
  icons: SiteIcons | null;
}

/** The languages the interface is written in (src/i18n/languages.ts). */
export const siteLanguages: readonly { tag: string; name: string }[] = shippedLanguages;

/** Every IANA time zone name this runtime knows, UTC first. */
export function timeZoneNames(): string[] {
  return ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];
}

/** True for an IANA time zone name (as the runtime knows them), e.g. `America/New_York`. */
export function isTimeZone(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The machine's own zone: the default until an admin chooses. */
export function machineTimeZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && isTimeZone(zone) ? zone : 'UTC';
}

/** The identity of a site nobody has set up yet. */
export const defaultIdentity: SiteIdentity = {
  name: 'Broadsheet',
  tagline: '',
  description: '',
  publisherName: '',
  publisherUrl: '',
  publisherEmail: '',
  footerText: '',
  credit: true,
  timeZone: machineTimeZone(),
  language: 'en-GB',
  logo: null,
  icons: null,
};

/** The fields an admin edits as text; the logo and icons are uploads of their own. */
export type IdentityText = Omit<SiteIdentity, 'logo' | 'icons'>;

export const identityLimits = {
  name: 100,
  tagline: 150,
  description: 300,
  publisherName: 100,
  publisherUrl: 500,
  publisherEmail: 254,
  footerText: 500,
} as const satisfies Partial<Record<keyof IdentityText, number>>;

/** The publisher as structured data and feeds name it. */
export function publisherName(identity: SiteIdentity): string {
  return identity.publisherName || identity.name;
}

/** How high the logo is drawn in the masthead, in CSS pixels; the stored file is twice that. */
export const logoDisplayHeight = 48;

/** The logo's drawn size: `logoDisplayHeight` high, its width in proportion. */
export function logoDisplaySize(logo: SiteImage): { width: number; height: number } {
  const height = Math.min(logoDisplayHeight, logo.height);
  return { width: Math.round((logo.width * height) / logo.height), height };
}
