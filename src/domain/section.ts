/** A section of the site as its pages and the section list show it. */
import type { SectionRef } from './article.js';

export interface Section extends SectionRef {
  description: string;
  position: number;
}
