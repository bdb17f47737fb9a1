/** A deleted draft as the JSON API gives it (decisions/0040). */
import type { DeletedDraft } from '../../domain/draft-deletion.js';

export function deletedDraftJson(draft: DeletedDraft) {
  return {
    id: draft.id,
    slug: draft.slug,
    headline: draft.headline,
    status: draft.status,
    section: draft.section,
    authors: draft.authors,
    version: draft.version,
    deletedAt: draft.deletedAt,
    deletedBy: draft.deletedBy,
    purgeAt: draft.purgeAt,
  };
}
