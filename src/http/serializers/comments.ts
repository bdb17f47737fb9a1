/** A comment as the JSON API and the live stream give it; a removed one keeps no text or author. */
import { isPlaceholder, type Comment } from '../../domain/comment.js';

export function commentJson(comment: Comment) {
  const gone = isPlaceholder(comment);
  return {
    id: comment.id,
    articleId: comment.articleId,
    parentId: comment.parentId,
    body: gone ? '' : comment.body,
    html: gone ? '' : comment.html,
    author: gone ? null : { ...comment.author, guest: comment.author.id === null },
    status: comment.status,
    depth: comment.depth,
    createdAt: comment.createdAt,
    editedAt: comment.editedAt,
    reactions: comment.reactionCount,
  };
}
