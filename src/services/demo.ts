/**
 * Loads the original demo content into an empty database: sections, staff and commenters (as
 * accounts without passwords, so nobody can sign in as them), and published articles dated
 * relative to now.
 */
import { demoContent } from '../demo/content.js';
import type { DemoComment, DemoContent } from '../demo/types.js';
import { renderCommentMarkdown } from '../domain/comment-markdown.js';
import { slugify } from '../domain/slug.js';
import type { Store } from '../store/types.js';

export const siteNameKey = 'site_name';

const hoursAgo = (now: number, hours: number) => new Date(now - hours * 3_600_000).toISOString();

/** True when it loaded the content; false when the database already had sections or articles. */
export async function loadDemoIfEmpty(
  store: Store,
  content: DemoContent = demoContent,
  now = Date.now(),
): Promise<boolean> {
  return store.transaction(async (tx) => {
    if ((await tx.sections.list()).length > 0 || (await tx.reader.countPublished()) > 0)
      return false;
    await tx.settings.set(siteNameKey, content.siteName);
    for (const [position, section] of content.sections.entries()) {
      await tx.sections.upsert({ ...section, position });
    }
    const userIds = new Map<string, string>();
    for (const person of content.people) {
      const existing = await tx.users.byEmail(person.email);
      const user =
        existing ??
        (await tx.users.create({
          email: person.email,
          name: person.name,
          slug: person.slug,
          role: person.role,
          passwordHash: null,
          bio: person.bio,
          createdAt: hoursAgo(now, 24 * 400),
        }));
      userIds.set(person.slug, user.id);
    }
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
    return true;
  });
}
