/** The frame of staff pages: a small navigation of what this person may open, then the page. */
import type { PageContext } from '../../context.js';
import { formTitle, type FormProblem } from '../../forms.js';
import { html, type SafeHtml } from '../../html.js';
import { layout } from '../../layout.js';

export interface AdminLink {
  href: string;
  text: string;
  description: string;
}

/** The staff tools that exist so far, by who may use them. */
export function adminLinks(ctx: PageContext): AdminLink[] {
  const role = ctx.viewer?.role;
  const newsroom: AdminLink[] =
    role === 'author' || role === 'editor' || role === 'admin'
      ? [
          {
            href: '/admin/articles',
            text: 'Articles',
            description: 'Write, review, schedule and publish; revisions and corrections.',
          },
        ]
      : [];
  const moderation: AdminLink[] =
    role === 'admin' || role === 'moderator'
      ? [
          {
            href: '/admin/moderation',
            text: 'Moderation',
            description: 'The queue of comments: approve, reject, feature; suspend and ban.',
          },
          {
            href: '/admin/moderation/log',
            text: 'Moderation log',
            description: 'Every moderator action: who, when, what and why.',
          },
        ]
      : [];
  if (role !== 'admin') return [...newsroom, ...moderation];
  return [
    ...newsroom,
    ...moderation,
    {
      href: '/admin/settings',
      text: 'Settings',
      description: 'Comment policy: pre-moderation, word lists, links, trust, limits.',
    },
    {
      href: '/admin/users',
      text: 'People',
      description: 'Find people, change roles, suspend and ban.',
    },
    {
      href: '/admin/outbox',
      text: 'Outbox',
      description: 'Every email the site has sent or kept, newest first.',
    },
    {
      href: '/admin/tokens',
      text: 'API tokens',
      description: 'Tokens for scripts: create and revoke.',
    },
    {
      href: '/admin/import',
      text: 'Import',
      description: 'Bring articles and comments from WordPress, comments from Disqus.',
    },
    {
      href: '/admin/sections',
      text: 'Sections',
      description: 'Create, rename, order, hide and remove the sections of the site.',
    },
  ];
}

export function adminPage(
  ctx: PageContext,
  props: {
    title: string;
    current: string;
    problem?: FormProblem | undefined;
    main: SafeHtml;
    head?: SafeHtml;
  },
): SafeHtml {
  const links = [{ href: '/admin', text: 'Staff home' }, ...adminLinks(ctx)];
  return layout(ctx, {
    title: formTitle(props.title, props.problem),
    robots: 'noindex',
    ...(props.head ? { head: props.head } : {}),
    main: html`<nav class="admin-nav" aria-label="Staff">
        <ul>
          ${links.map(
            (l) =>
              html`<li>
                <a href="${l.href}" ${l.href === props.current ? html` aria-current="page"` : ''}
                  >${l.text}</a
                >
              </li>`,
          )}
        </ul>
      </nav>
      <div class="admin-page">${props.main}</div>`,
  });
}
