/** What every page needs to know about the site, built once at boot. */
import type { SectionRef } from '../domain/article.js';
import type { Role } from '../domain/user.js';

export interface SiteContext {
  siteName: string;
  baseUrl: string;
  assetUrl(name: string): string;
}

/** The signed-in person as the page shows them; their forms carry the session's CSRF token. */
export interface PageViewer {
  id: string;
  name: string;
  role: Role;
  csrfToken: string;
}

export interface PageContext extends SiteContext {
  sections: readonly SectionRef[];
  /** Null or absent for an anonymous reader, whose pages are the same bytes for everyone. */
  viewer?: PageViewer | null;
}
