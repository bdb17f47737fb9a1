/**
 * The original demo content: loaded into an empty site (sections, staff and commenters as
 * accounts without passwords, so nobody can sign in as them, and published articles dated
 * relative to now), and removed again with `broadsheet demo remove` or from /admin/site
 * (decisions/0041). Every row the loader makes is recorded in the same transaction, so removal
 * takes exactly those; a site that loaded the demo before that recognises its rows by the
 * content itself.
 */
import { demoContent } from '../demo/content.js';
import type { DemoComment, DemoContent } from '../demo/types.js';
import { renderCommentMarkdown } from '../domain/comment-markdown.js';
import {
  demoFingerprint,
  demoSettings,
  isNothing,
  type DemoRemoval,
  type DemoRow,
  type DemoSelection,
} from '../domain/demo.js';
import { slugify } from '../domain/slug.js';
import { AppError } from '../errors.js';
import type { PortsWithUnitOfWork } from '../store/types.js';
import { LocalChangeBus, type ChangeBus } from './changes.js';

export const siteNameKey = 'site_name';

type DemoPorts = 'demo' | 'sections' | 'reader' | 'settings' | 'users' | 'newsroom' | 'comments';
type Ports = PortsWithUnitOfWork<DemoPorts>;
type TxPorts = Pick<Ports, DemoPorts>;

export interface DemoDeps {
  store: Ports;
  changes: ChangeBus;
  /** The content to load (and recognise); the original demo unless a test gives another. */
  content?: DemoContent;
  /** Milliseconds now: the demo's times are relative to it. */
  now?: () => number;
}

const hoursAgo = (now: number, hours: number) => new Date(now - hours * 3_600_000).toISOString();

export class DemoService {
  private readonly store: Ports;
  private readonly changes: ChangeBus;
  private readonly content: DemoContent;
  private readonly now: () => number;

  constructor(deps: DemoDeps) {
    this.store = deps.store;
    this.changes = deps.changes;
    this.content = deps.content ?? demoContent;
    this.now = deps.now ?? Date.now;
  }

  /** Loads the demo into an empty site; refuses (409) a site with sections or articles. */
  async load(): Promise<void> {
    if (!(await this.loadIfEmpty())) {
      throw new AppError(
        'database_not_empty',
        'This site already has sections or articles: the demo loads only into an empty site.',
      );
    }
  }

  /** True when it loaded the demo; false when the site already had sections or articles. */
  async loadIfEmpty(): Promise<boolean> {
    const loaded = await this.store.transaction(async (tx) => {
      if ((await tx.sections.list()).length > 0 || (await tx.reader.countPublished()) > 0) {
        return false;
      }
      // Two loads at once (a double-clicked setup wizard) both found the site empty: the
      // second waits here for the first to commit, and then finds the demo there.
      const first = this.content.sections[0];
      if (first && !(await tx.demo.claim({ table: 'sections', key: first.slug }))) return false;
      await tx.demo.record(await this.write(tx));
      return true;
    });
    if (loaded) this.changes.publish({ kind: 'site' });
    return loaded;
  }

  /** Whether any of the demo's rows are here that removing it would remove. */
  async isLoaded(): Promise<boolean> {
    return !isNothing(await this.plan());
  }

  /** What `remove` would remove now, and what it would keep because other content uses it. */
  async plan(): Promise<DemoRemoval> {
    return this.store.transaction(
      async (tx) => (await tx.demo.survey(await this.selection(tx))).removal,
    );
  }

  /**
   * Removes the demo in one transaction: its articles with everything on them (comments
   * included, whoever wrote them), its accounts, tags, images, sections and the site name while
   * it is still the demo's. Sections, people and images that content added since still uses
   * stay, and the answer says which. Every cached page is dropped.
   */
  async remove(): Promise<DemoRemoval> {
    const removal = await this.store.transaction(async (tx) => {
      const survey = await tx.demo.survey(await this.selection(tx));
      await tx.demo.remove(survey.removable);
      return survey.removal;
    });
    if (!isNothing(removal)) this.changes.publish({ kind: 'site' });
    return removal;
  }

  /**
   * The demo's rows still here: those recorded when it loaded, or, on a site that loaded it
   * before rows were recorded, those matching its content exactly. Settings count only while
   * they hold the demo's value.
   */
  private async selection(tx: TxPorts): Promise<DemoSelection> {
    const settings = demoSettings(this.content, siteNameKey);
    const recorded = await tx.demo.recorded();
    const selection = recorded ?? {
      ...(await tx.demo.matching(demoFingerprint(this.content))),
      settings: Object.keys(settings),
    };
    const current = await tx.settings.getMany(selection.settings);
    return {
      ...selection,
      settings: selection.settings.filter(
        (key) => Object.hasOwn(settings, key) && current[key] === settings[key],
      ),
    };
  }

  /** Writes the content; answers the rows it made (not those it found already there). */
  private async write(tx: TxPorts): Promise<DemoRow[]> {
    const content = this.content;
    const now = this.now();
    const made: DemoRow[] = [];
    // A name an admin already gave the site (in the setup wizard) stays.
    if ((await tx.settings.get(siteNameKey)) === null) {
      await tx.settings.set(siteNameKey, content.siteName);
      made.push({ table: 'settings', key: siteNameKey });
    }
    for (const [position, section] of content.sections.entries()) {
      await tx.sections.upsert({ ...section, position });
      made.push({ table: 'sections', key: section.slug });
    }
    const userIds = new Map<string, string>();
    for (const person of content.people) {
      const existing = await tx.users.byEmail(person.email);
      if (existing) {
        userIds.set(person.slug, existing.id);
        continue;
      }
      const user = await tx.users.create({
        email: person.email,
        name: person.name,
        slug: person.slug,
        role: person.role,
        passwordHash: null,
        bio: person.bio,
        createdAt: hoursAgo(now, 24 * 400),
      });
      userIds.set(person.slug, user.id);
      made.push({ table: 'users', key: user.id });
    }
    const tagSlugs = [...new Set(content.articles.flatMap((a) => a.tags.map((t) => slugify(t))))];
    const existingTags = new Set(await tx.demo.existingTags(tagSlugs));
    for (const slug of tagSlugs)
      if (!existingTags.has(slug)) made.push({ table: 'tags', key: slug });

    const articleIds = new Map<string, string>();
    // Oldest first, so ids follow publication order.
    const articles = [...content.articles].sort((a, b) => b.hoursAgo - a.hoursAgo);
    for (const a of articles) {
      const publishedAt = hoursAgo(now, a.hoursAgo);
      const created = await tx.newsroom.create({
        slug: a.slug,
        sectionSlug: a.section,
        headline: a.headline,
        standfirst: a.standfirst,
        body: a.body,
        dateline: a.dateline,
        authorIds: a.authors.map((slug) => {
          const id = userIds.get(slug);
          if (!id) throw new Error(`demo article ${a.slug} names unknown author ${slug}`);
          return id;
        }),
        tags: a.tags.map((name) => ({ slug: slugify(name), name })),
        status: 'published',
        publishedAt,
        createdAt: hoursAgo(now, a.hoursAgo + 3),
      });
      articleIds.set(a.slug, created.id);
      made.push({ table: 'articles', key: created.id });
      for (const c of a.corrections ?? []) {
        await tx.newsroom.addCorrection({
          articleId: created.id,
          kind: c.kind,
          text: c.text,
          createdAt: hoursAgo(now, c.hoursAgo),
        });
      }
      if (a.update)
        await tx.newsroom.markUpdated(created.id, hoursAgo(now, a.update.hoursAgo), a.update.note);
      const addComments = async (comments: readonly DemoComment[], parentId: string | null) => {
        for (const c of comments) {
          const authorId = userIds.get(c.author);
          if (!authorId) throw new Error(`demo comment on ${a.slug} names unknown ${c.author}`);
          const { comment } = await tx.comments.create({
            articleId: created.id,
            parentId,
            authorId,
            body: c.body,
            html: renderCommentMarkdown(c.body),
            status: 'published',
            createdAt: hoursAgo(now, c.hoursAgo),
          });
          made.push({ table: 'comments', key: comment.id });
          await addComments(c.replies ?? [], comment.id);
        }
      };
      await addComments(a.comments ?? [], null);
    }
    for (const a of articles) {
      if (!a.related?.length) continue;
      const id = articleIds.get(a.slug);
      const related = a.related.map((slug) => articleIds.get(slug)).filter((x): x is string => !!x);
      if (id) await tx.newsroom.setRelated(id, related);
    }
    return made;
  }
}

/**
 * Loads the demo into an empty site outside a composed program (tests, benchmarks); true when it
 * loaded. Takes only the ports the demo writes to.
 */
export function loadDemoIfEmpty(
  store: Ports,
  content: DemoContent = demoContent,
  now = Date.now(),
): Promise<boolean> {
  return new DemoService({
    store,
    changes: new LocalChangeBus(),
    content,
    now: () => now,
  }).loadIfEmpty();
}
