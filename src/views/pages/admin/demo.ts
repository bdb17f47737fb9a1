/**
 * /admin/site/demo/remove: what removing the demo content takes away and what it leaves, and the
 * one button that removes it (decisions/0041). The page itself is the confirmation.
 */
import type { DemoRemoval } from '../../../domain/demo.js';
import { isNothing } from '../../../domain/demo.js';
import type { PageContext } from '../../context.js';
import { postForm, submitButton } from '../../forms.js';
import { html } from '../../html.js';
import { adminPage } from './page.js';

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function removedList(plan: DemoRemoval) {
  return html`<ul>
    <li>
      ${count(plan.articles, 'article', 'articles')}, with their revisions, corrections, tags and
      related-story links
    </li>
    <li>
      ${count(plan.comments, 'comment', 'comments')} on those articles${
        plan.addedComments > 0
          ? html`, <strong
                >including ${count(plan.addedComments, 'comment', 'comments')} written since the
                demo was loaded</strong
              >: comments on a demo article go with it, with their replies, reactions and reports`
          : ''
      }
    </li>
    <li>
      ${count(plan.accounts, 'account', 'accounts')} of the demo’s writers and commenters (they
      have no passwords)
    </li>
    <li>${count(plan.sections, 'section', 'sections')} and ${count(plan.tags, 'tag', 'tags')}</li>
    ${plan.images > 0 ? html`<li>${count(plan.images, 'image', 'images')}</li>` : ''}
    ${plan.settings > 0 ? html`<li>the demo’s site name</li>` : ''}
    ${
      plan.relatedLinks > 0
        ? html`<li>
            ${count(plan.relatedLinks, 'related-story link', 'related-story links')} from your own
            articles to demo articles
          </li>`
        : ''
    }
  </ul>`;
}

function keptList(plan: DemoRemoval) {
  const { sections, people, images } = plan.kept;
  return html`<ul>
    <li>Everything you added yourself: articles, sections, people, comments and images.</li>
    ${sections.map(
      (s) => html`<li>
        The demo’s section <strong>${s.name}</strong>: it holds
        ${count(s.articles, 'article', 'articles')} of yours. Its name and description are the demo’s: change
        them if you keep it.
      </li>`,
    )}
    ${people.map(
      (p) => html`<li>
        The demo account <strong>${p.name}</strong>: your content names them (a byline, a comment
        or a moderation record).
      </li>`,
    )}
    ${
      images > 0
        ? html`<li>${count(images, 'demo image', 'demo images')} your articles show.</li>`
        : ''
    }
    ${plan.settings === 0 ? html`<li>The site name: it is no longer the demo’s.</li>` : ''}
  </ul>`;
}

export function demoRemovalView(ctx: PageContext, props: { plan: DemoRemoval }) {
  const { plan } = props;
  const main = isNothing(plan)
    ? html`<h1>Remove the demo content</h1>
        <p>There is no demo content on this site: nothing to remove.</p>
        <p><a href="/admin">Back to the staff pages</a></p>`
    : html`<h1>Remove the demo content</h1>
        <p>
          This removes what the demo created, and nothing else, in one step that cannot be undone.
          To keep a copy first, run <code>npx broadsheet export FILE</code>.
        </p>
        <section aria-labelledby="removed-heading">
          <h2 id="removed-heading">What will be removed</h2>
          ${removedList(plan)}
        </section>
        <section aria-labelledby="kept-heading">
          <h2 id="kept-heading">What stays</h2>
          ${keptList(plan)}
        </section>
        ${postForm(
          ctx,
          '/admin/site/demo/remove',
          html`${submitButton('Remove the demo content', 'danger')}
            <a class="button button--secondary" href="/admin">Cancel</a>`,
          { label: 'Remove the demo content' },
        )}`;
  return adminPage(ctx, { title: 'Remove the demo content', current: '/admin/site', main });
}
