/**
 * The editor's image panel: the main image (upload, choose one already uploaded, alt text,
 * caption, credit, a preview, remove) and the images placed in the body. Plain forms; the upload
 * is a multipart form, so it works without JavaScript.
 */
import type { Article } from '../../../domain/article.js';
import { hasAlt, imageLimits, imagePath, variantFor, type Image } from '../../../domain/image.js';
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

function preview(image: Image): SafeHtml {
  const small = variantFor(image, 640);
  return html`<figure class="image-preview">
    ${small ? html`<img src="${imagePath(small.file)}" width="${small.width}" height="${small.height}" alt="${image.decorative ? '' : image.alt}" />` : ''}
    <figcaption>
      ${image.originalName}, ${image.width} × ${image.height} pixels
      ${hasAlt(image) ? '' : html`<strong class="image-preview__warning">No alt text yet: the article cannot be published.</strong>`}
    </figcaption>
  </figure>`;
}

function detailFields(prefix: string, image: Image | null): SafeHtml {
  return html`<div class="field">
      <label for="${prefix}-alt">Alt text</label>
      <p class="hint" id="${prefix}-alt-hint">What the image shows, for people who cannot see it. Required before publishing, unless the image is decorative.</p>
      <textarea id="${prefix}-alt" name="alt" rows="2" maxlength="${imageLimits.alt}" aria-describedby="${prefix}-alt-hint">${image?.alt ?? ''}</textarea>
    </div>
    <div class="field field--checkbox">
      <input id="${prefix}-decorative" name="decorative" type="checkbox" value="1" ${image?.decorative ? html` checked` : ''} />
      <label for="${prefix}-decorative">Decorative: it adds nothing to the text (readers of screen readers skip it)</label>
    </div>
    <div class="field">
      <label for="${prefix}-caption">Caption</label>
      <input id="${prefix}-caption" name="caption" type="text" maxlength="${imageLimits.caption}" value="${image?.caption ?? ''}" />
    </div>
    <div class="field">
      <label for="${prefix}-credit">Credit</label>
      <input id="${prefix}-credit" name="credit" type="text" maxlength="${imageLimits.credit}" value="${image?.credit ?? ''}" />
    </div>`;
}

function mainImageForm(ctx: PageContext, a: Article, panel: ImagePanel): SafeHtml {
  const image = a.mainImage;
  const choices = panel.recent.filter((i) => i.id !== image?.id);
  return html`<form method="post" action="/admin/articles/${a.id}/image" enctype="multipart/form-data" class="form" aria-label="Main image" novalidate>
    ${csrfField(ctx)}
    <div class="field">
      <label for="image-file">${image ? 'Replace it with a new image' : 'Upload an image'}</label>
      <p class="hint" id="image-file-hint">JPEG, PNG or WebP, at most ${panel.maxSize}.</p>
      <input id="image-file" name="file" type="file" accept="image/jpeg,image/png,image/webp" aria-describedby="image-file-hint" />
    </div>
    ${
      choices.length
        ? html`<div class="field">
            <label for="image-existing">Or use an image already uploaded</label>
            <select id="image-existing" name="existing">
              <option value="">(no)</option>
              ${choices.map((i) => html`<option value="${i.id}">${i.originalName} (${i.width} × ${i.height}${i.alt ? `: ${i.alt.slice(0, 60)}` : ''})</option>`)}
            </select>
          </div>`
        : ''
    }
    <fieldset class="fieldset">
      <legend>${image ? 'About this image' : 'About the new image'}</legend>
      ${detailFields('image', image)}
    </fieldset>
    ${submitButton(image ? 'Save the image' : 'Add the image')}
  </form>`;
}

function bodyImages(ctx: PageContext, a: Article, panel: ImagePanel): SafeHtml {
  const list = [...panel.inBody.values()];
  if (list.length === 0) return html``;
  return html`<h3>Images in the body</h3>
    <ul class="body-images">
      ${list.map(
        (image) => html`<li>
          ${preview(image)}
          ${
            panel.canEdit
              ? postForm(
                  ctx,
                  `/admin/articles/${a.id}/images/${image.id}`,
                  html`${detailFields(`body-${image.id}`, image)} ${submitButton('Save', 'secondary')}`,
                  { label: `About the image ${image.originalName}` },
                )
              : ''
          }
        </li>`,
      )}
    </ul>`;
}

export function imagePanel(ctx: PageContext, a: Article, panel: ImagePanel): SafeHtml {
  const image = a.mainImage;
  return html`<section class="panel images-panel" aria-labelledby="images-heading">
    <h2 id="images-heading">Main image</h2>
    ${image ? preview(image) : html`<p>This article has no main image.</p>`}
    ${panel.canEdit ? mainImageForm(ctx, a, panel) : ''}
    ${
      image && panel.canEdit
        ? postForm(
            ctx,
            `/admin/articles/${a.id}/image/remove`,
            submitButton('Remove the main image', 'danger'),
            {
              className: 'form form--bare',
              label: 'Remove the main image',
            },
          )
        : ''
    }
    <p class="hint">
      An image in the body goes where a line <code>[[image:ID]]</code> stands, between paragraphs:
      upload one below (its line is added at the end of the body), or write the line with the id
      of an image already uploaded.${image ? html` This image’s id is <code>${image.id}</code>.` : ''}
    </p>
    ${panel.canEdit ? bodyUploadForm(ctx, a, panel) : ''}
    ${bodyImages(ctx, a, panel)}
  </section>`;
}

/** An upload for the body only: the image is stored and its line is shown to copy. */
function bodyUploadForm(ctx: PageContext, a: Article, panel: ImagePanel): SafeHtml {
  return html`<details class="body-upload">
    <summary>Upload an image to place in the body</summary>
    <form method="post" action="/admin/articles/${a.id}/image?place=body" enctype="multipart/form-data" class="form" aria-label="An image for the article text" novalidate>
      ${csrfField(ctx)}
      <div class="field">
        <label for="body-image-file">Image</label>
        <p class="hint" id="body-image-file-hint">JPEG, PNG or WebP, at most ${panel.maxSize}. The line to place it is added at the end of the body.</p>
        <input id="body-image-file" name="file" type="file" accept="image/jpeg,image/png,image/webp" aria-describedby="body-image-file-hint" />
      </div>
      ${detailFields('body-image', null)}
      ${submitButton('Upload and place in the body', 'secondary')}
    </form>
  </details>`;
}
