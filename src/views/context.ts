/** What every page needs to know about the site. */
import type { Menus } from '../domain/menu.js';
import type { SiteIdentity } from '../domain/site.js';
import type { Role } from '../domain/user.js';
import type { Translator } from '../i18n/translator.js';
import type { CommentMode } from '../domain/comment-settings.js';
import type { CommentViewerState } from '../services/comment-threads.js';
import type { SafeHtml } from './html.js';
import type { CommentFormState, PersonalComments } from './reader-state.js';

/** What is fixed when the server starts: its public address and its asset files. */
export interface SiteFrame {
  baseUrl: string;
  assetUrl(name: string): string;
}

/** The frame and the site's identity as it is now (an admin may change it at any time). */
export interface SiteContext extends SiteFrame {
  identity: SiteIdentity;
  /** `identity.name`. */
  siteName: string;
  /** When the page is drawn, by the app's clock (tests set it): the masthead's date. */
  now: Date;
  /**
   * Words, numbers and dates in the page's language and the site's zone: the site's language,
   * or on a reader's page the one they chose in Adjust.
   */
  i18n: Translator;
}

/** The signed-in person as the page shows them; their forms carry the session's CSRF token. */
export interface PageViewer {
  id: string;
  name: string;
  role: Role;
  csrfToken: string;
}

export interface PageContext extends SiteContext {
  /** The masthead's and the footer's menus as readers see them now. */
  menus: Menus;
  /** Null or absent for an anonymous reader, whose pages are the same bytes for everyone. */
  viewer?: PageViewer | null;
  /** The interface language the reader chose in Adjust (cookie `bs-lang`), if any. */
  readerLanguage?: string;
  /**
   * Set while a page is drawn once for every reader (see slots.ts): what depends on the reader is
   * recorded as a hole instead of drawn.
   */
  slots?: PageHoles | undefined;
}

/**
 * The holes of a page drawn once for every reader (slots.ts `SlotRecorder` records them, `PageShell`
 * fills them per reader): a view hands over how to draw its reader-dependent part and puts the
 * returned marker where it goes.
 */
export interface PageHoles {
  add(spec: SlotSpec): SafeHtml;
}

/** What a hole is drawn from: the reader (or nobody) and what only they see. */
export interface Viewing {
  /** The page's context with the reader in it (`viewer` null for an anonymous one). */
  ctx: PageContext;
  /** Their reactions, reports and editable comments on the page. */
  comments: CommentViewerState | null;
  personal: PersonalComments;
  form?: CommentFormState | undefined;
  threadSettings?: { articleId: string; mode: CommentMode | null; done: boolean } | undefined;
}

export interface SlotSpec {
  render(viewing: Viewing): SafeHtml;
  /**
   * A comment's controls: the same bytes for every signed-in reader it does not concern, and for
   * one it concerns a function of how only (theirs, editable, liked, reported, just reported, the
   * reader's role); drawn with the reader's token only when its Report form is open (0084).
   */
  comment?: { id: string; authorId: string | null };
}
