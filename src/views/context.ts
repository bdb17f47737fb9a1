/** What every page needs to know about the site, built once at boot. */
import type { SectionRef } from '../domain/article.js';

export interface SiteContext {
  siteName: string;
  baseUrl: string;
  assetUrl(name: string): string;
}

export interface PageContext extends SiteContext {
  sections: readonly SectionRef[];
}
