/** The editor's preview of the unsaved form, drawn as the article page draws the article. */
import type { ArticleSummary } from '../../../domain/article.js';
import type { Image } from '../../../domain/image.js';
import type { Translator } from '../../../i18n/translator.js';
import { html, type SafeHtml } from '../../html.js';
import { articleBody, articleHeader, mainImage, type ArticleHeading } from '../article-content.js';
import type { ArticleForm } from './article-fields.js';

/** The preview: the article page's header and body, with notes where readers would miss something. */
export function previewOf(
  form: ArticleForm,
  props: {
    sectionName: string;
    authorNames: string[];
    inline: Map<string, ArticleSummary>;
    mainImage: Image | null;
    images: Map<string, Image>;
    timeZone: string;
    i18n: Translator;
  },
): SafeHtml {
  const heading: ArticleHeading = {
    section: { slug: form.section, name: props.sectionName },
    headline: form.headline,
    standfirst: form.standfirst,
    authors: props.authorNames.map((name) => ({ name })),
    dateline: form.dateline,
    publishedAt: null,
    updatedAt: null,
    updateNote: null,
  };
  return html`<section class="preview" aria-labelledby="preview-heading">
    <h2 id="preview-heading">${props.i18n.t('newsroom.preview.heading')}</h2>
    <div class="article preview__article">
      ${articleHeader(heading, { headline: 'paragraph', links: false, timeZone: props.timeZone, i18n: props.i18n })}
      ${mainImage(props.mainImage)}
      ${articleBody(form.body, props, { notes: true, i18n: props.i18n })}
    </div>
  </section>`;
}
