/**
 * The editor's image panel: the main image (upload, choose one already uploaded, alt text,
 * caption, credit, a preview, remove) and the images placed in the body. Plain forms; the upload
 * is a multipart form, so it works without JavaScript.
 */
import type { Article } from '../../../domain/article.js';
import { hasAlt, imageLimits, imagePath, variantFor, type Image } from '../../../domain/image.js';
import type { Translator } from '../../../i18n/translator.js';
import type { PageContext } from '../../context.js';
import { csrfField, postForm, submitButton } from '../../forms.js';
import { html, type SafeHtml } from '../../html.js';

export interface ImagePanel {
  /** Images placed in the body with [[image:ID]], by id. */
  inBody: Map<string, Image>;
  /** The newest uploads, to choose from. */
  recent: Image[];
  /** The upload limit, for the hint ("10 MB"). */
  maxSize: string;
  canEdit: boolean;
}

function preview(image: Image, i18n: Translator): SafeHtml {
  const small = variantFor(image, 640);
  return html`<figure class="image-preview">
    ${small ? html`<img src="${imagePath(small.file)}" width="${small.width}" height="${small.height}" alt="${image.decorative ? '' : image.alt}" />` : ''}
    <figcaption>
      ${i18n.t('newsroom.images.size', { name: image.originalName, width: String(image.width), height: String(image.height) })}
      ${hasAlt(image) ? '' : html`<strong class="image-preview__warning">${i18n.t('newsroom.images.noAlt')}</strong>`}
    </figcaption>
  </figure>`;
}

function detailFields(prefix: string, image: Image | null, i18n: Translator): SafeHtml {
  const { t } = i18n;
  return html`<div class="field">
      <label for="${prefix}-alt">${t('newsroom.images.alt')}</label>
      <p class="hint" id="${prefix}-alt-hint">${t('newsroom.images.altHint')}</p>
      <textarea id="${prefix}-alt" name="alt" rows="2" maxlength="${imageLimits.alt}" aria-describedby="${prefix}-alt-hint">${image?.alt ?? ''}</textarea>
    </div>
    <div class="field field--checkbox">
      <input id="${prefix}-decorative" name="decorative" type="checkbox" value="1" ${image?.decorative ? html` checked` : ''} />
      <label for="${prefix}-decorative">${t('newsroom.images.decorative')}</label>
    </div>
    <div class="field">
      <label for="${prefix}-caption">${t('newsroom.images.caption')}</label>
      <input id="${prefix}-caption" name="caption" type="text" maxlength="${imageLimits.caption}" value="${image?.caption ?? ''}" />
    </div>
    <div class="field">
      <label for="${prefix}-credit">${t('newsroom.images.credit')}</label>
      <input id="${prefix}-credit" name="credit" type="text" maxlength="${imageLimits.credit}" value="${image?.credit ?? ''}" />
    </div>`;
}

function mainImageForm(ctx: PageContext, a: Article, panel: ImagePanel): SafeHtml {
  const image = a.mainImage;
  const { i18n } = ctx;
  const { t } = i18n;
  const choices = panel.recent.filter((i) => i.id !== image?.id);
  return html`<form method="post" action="/admin/articles/${a.id}/image" enctype="multipart/form-data" class="form" aria-label="${t('newsroom.images.mainLabel')}" novalidate>
    ${csrfField(ctx)}
    <div class="field">
      <label for="image-file">${image ? t('newsroom.images.replace') : t('newsroom.images.upload')}</label>
      <p class="hint" id="image-file-hint">${t('newsroom.images.types', { size: panel.maxSize })}</p>
      <input id="image-file" name="file" type="file" accept="image/jpeg,image/png,image/webp" aria-describedby="image-file-hint" />
    </div>
    ${
      choices.length
        ? html`<div class="field">
            <label for="image-existing">${t('newsroom.images.existing')}</label>
            <select id="image-existing" name="existing">
              <option value="">${t('newsroom.images.noExisting')}</option>
              ${choices.map((i) => html`<option value="${i.id}">${i.originalName} (${i.width} × ${i.height}${i.alt ? `: ${i.alt.slice(0, 60)}` : ''})</option>`)}
            </select>
          </div>`
        : ''
    }
    <fieldset class="fieldset">
      <legend>${image ? t('newsroom.images.aboutThis') : t('newsroom.images.aboutNew')}</legend>
      ${detailFields('image', image, i18n)}
    </fieldset>
    ${submitButton(image ? t('newsroom.images.saveMain') : t('newsroom.images.addMain'))}
  </form>`;
}

function bodyImages(ctx: PageContext, a: Article, panel: ImagePanel): SafeHtml {
  const list = [...panel.inBody.values()];
  if (list.length === 0) return html``;
  const { i18n } = ctx;
  const { t } = i18n;
  return html`<h3>${t('newsroom.images.inBody')}</h3>
    <ul class="body-images">
      ${list.map(
        (image) => html`<li>
          ${preview(image, i18n)}
          ${
            panel.canEdit
              ? postForm(
                  ctx,
                  `/admin/articles/${a.id}/images/${image.id}`,
                  html`${detailFields(`body-${image.id}`, image, i18n)} ${submitButton(t('newsroom.images.save'), 'secondary')}`,
                  { label: t('newsroom.images.aboutLabel', { name: image.originalName }) },
                )
              : ''
          }
        </li>`,
      )}
    </ul>`;
}

export function imagePanel(ctx: PageContext, a: Article, panel: ImagePanel): SafeHtml {
  const image = a.mainImage;
  const { i18n } = ctx;
  const { t } = i18n;
  const code = { code: (c: SafeHtml) => html`<code>${c}</code>` };
  return html`<section class="panel images-panel" aria-labelledby="images-heading">
    <h2 id="images-heading">${t('newsroom.images.heading')}</h2>
    ${image ? preview(image, i18n) : html`<p>${t('newsroom.images.none')}</p>`}
    ${panel.canEdit ? mainImageForm(ctx, a, panel) : ''}
    ${
      image && panel.canEdit
        ? postForm(
            ctx,
            `/admin/articles/${a.id}/image/remove`,
            submitButton(t('newsroom.images.remove'), 'danger'),
            {
              className: 'form form--bare',
              label: t('newsroom.images.remove'),
            },
          )
        : ''
    }
    <p class="hint">
      ${i18n.rich('newsroom.images.bodyHint', {}, code)}${image ? html` ${i18n.rich('newsroom.images.thisId', { id: image.id }, code)}` : ''}
    </p>
    ${panel.canEdit ? bodyUploadForm(ctx, a, panel) : ''}
    ${bodyImages(ctx, a, panel)}
  </section>`;
}

/** An upload for the body only: the image is stored and its line is shown to copy. */
function bodyUploadForm(ctx: PageContext, a: Article, panel: ImagePanel): SafeHtml {
  const { i18n } = ctx;
  const { t } = i18n;
  return html`<details class="body-upload">
    <summary>${t('newsroom.images.bodyUpload')}</summary>
    <form method="post" action="/admin/articles/${a.id}/image?place=body" enctype="multipart/form-data" class="form" aria-label="${t('newsroom.images.bodyLabel')}" novalidate>
      ${csrfField(ctx)}
      <div class="field">
        <label for="body-image-file">${t('newsroom.images.file')}</label>
        <p class="hint" id="body-image-file-hint">${t('newsroom.images.bodyTypes', { size: panel.maxSize })}</p>
        <input id="body-image-file" name="file" type="file" accept="image/jpeg,image/png,image/webp" aria-describedby="body-image-file-hint" />
      </div>
      ${detailFields('body-image', null, i18n)}
      ${submitButton(t('newsroom.images.bodySubmit'), 'secondary')}
    </form>
  </details>`;
}
