/** A moderation queue entry as the JSON API gives it: the comment, why it is held, its context. */
import type { QueueItem } from '../../services/moderation.js';
import { commentJson } from './comments.js';

export function queueItemJson(item: QueueItem, baseUrl: string) {
  const { comment, author } = item;
  return {
    comment: commentJson(comment),
    reasons: comment.reasons,
    featured: comment.featuredAt !== null,
    rejectionReason: comment.rejectionReason,
    openReports: comment.openReports,
    article: item.article
      ? { id: item.article.id, headline: item.article.headline, url: baseUrl + item.article.path }
      : null,
    parent: item.parent ? commentJson(item.parent) : null,
    reports: item.reports.map((r) => ({
      reason: r.reason,
      text: r.text,
      reporter: r.reporter,
      createdAt: r.createdAt,
      resolved: r.resolvedAt !== null,
    })),
    authorRecord: {
      memberSince: author.user?.createdAt ?? null,
      approved: author.approved,
      rejected: author.rejected,
      suspendedUntil: author.user?.suspendedUntil ?? null,
      banned: author.user?.bannedAt != null,
    },
  };
}
