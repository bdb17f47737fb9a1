/**
 * /admin/site/demo/remove: what removing the demo content takes away and what it leaves, and the
 * one button that removes it (decisions/0041). The page itself is the confirmation.
 */
import type { DemoRemoval } from '../../../domain/demo.js';
import { isNothing } from '../../../domain/demo.js';
import type { Translator } from '../../../i18n/translator.js';
import type { PageContext } from '../../context.js';
import { postForm, submitButton } from '../../forms.js';
import { html, type SafeHtml } from '../../html.js';
import { adminPage } from './page.js';

const strong = (text: SafeHtml) => html`<strong>${text}</strong>`;

function removedList(i18n: Translator, plan: DemoRemoval) {
  const { t, rich } = i18n;
  return html`<ul>
    <li>${t('admin.demo.removed.articles', { count: plan.articles })}</li>
    <li>
      ${
        plan.addedComments > 0
          ? rich(
              'admin.demo.removed.commentsAdded',
              { count: plan.comments, added: plan.addedComments },
              { strong },
            )
          : t('admin.demo.removed.comments', { count: plan.comments })
      }
    </li>
    <li>${t('admin.demo.removed.accounts', { count: plan.accounts })}</li>
    <li>
      ${t('admin.demo.removed.sectionsAndTags', { sections: plan.sections, tags: plan.tags })}
    </li>
    ${plan.images > 0 ? html`<li>${t('admin.demo.removed.images', { count: plan.images })}</li>` : ''}
    ${plan.settings > 0 ? html`<li>${t('admin.demo.removed.siteName')}</li>` : ''}
    ${
      plan.relatedLinks > 0
        ? html`<li>${t('admin.demo.removed.related', { count: plan.relatedLinks })}</li>`
        : ''
    }
  </ul>`;
}

function keptList(i18n: Translator, plan: DemoRemoval) {
  const { t, rich } = i18n;
  const { sections, people, images } = plan.kept;
  return html`<ul>
    <li>${t('admin.demo.kept.own')}</li>
    ${sections.map(
      (s) =>
        html`<li>
          ${rich('admin.demo.kept.section', { name: s.name, count: s.articles }, { strong })}
        </li>`,
    )}
    ${people.map(
      (p) => html`<li>${rich('admin.demo.kept.person', { name: p.name }, { strong })}</li>`,
    )}
    ${images > 0 ? html`<li>${t('admin.demo.kept.images', { count: images })}</li>` : ''}
    ${plan.settings === 0 ? html`<li>${t('admin.demo.kept.siteName')}</li>` : ''}
  </ul>`;
}

export function demoRemovalView(ctx: PageContext, props: { plan: DemoRemoval }) {
  const { plan } = props;
  const { t, rich } = ctx.i18n;
  const main = isNothing(plan)
    ? html`<h1>${t('admin.demo.title')}</h1>
        <p>${t('admin.demo.nothing')}</p>
        <p><a href="/admin">${t('admin.demo.back')}</a></p>`
    : html`<h1>${t('admin.demo.title')}</h1>
        <p>${rich('admin.demo.intro', {}, { code: (text) => html`<code>${text}</code>` })}</p>
        <section aria-labelledby="removed-heading">
          <h2 id="removed-heading">${t('admin.demo.removed.heading')}</h2>
          ${removedList(ctx.i18n, plan)}
        </section>
        <section aria-labelledby="kept-heading">
          <h2 id="kept-heading">${t('admin.demo.kept.heading')}</h2>
          ${keptList(ctx.i18n, plan)}
        </section>
        ${postForm(
          ctx,
          '/admin/site/demo/remove',
          html`${submitButton(t('admin.demo.remove'), 'danger')}
            <a class="button button--secondary" href="/admin">${t('admin.demo.cancel')}</a>`,
          { label: t('admin.demo.remove') },
        )}`;
  return adminPage(ctx, { title: t('admin.demo.title'), current: '/admin/site', main });
}
