/** A section as the JSON API gives it; the article count only to admins (it counts drafts). */
import type { SectionSummary } from '../../domain/section.js';

export function sectionJson(section: SectionSummary, baseUrl: string, withCount: boolean) {
  return {
    slug: section.slug,
    name: section.name,
    description: section.description,
    position: section.position,
    hidden: section.hidden,
    url: `${baseUrl}/${section.slug}`,
    ...(withCount ? { articleCount: section.articleCount } : {}),
  };
}
