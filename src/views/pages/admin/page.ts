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

type Who = 'author' | 'editor' | 'moderator' | 'admin';

/** Every staff tool, in the order the navigation shows them, with who may open it. */
const tools: (AdminLink & { who: readonly Who[] })[] = [
  {
    href: '/admin/articles',
    text: 'Articles',
    description: 'Write, review, schedule and publish; revisions and corrections.',
    who: ['author', 'editor', 'admin'],
  },
  {
    href: '/admin/front',
    text: 'Front page',
    description: 'Pin the lead and featured stories; choose and order the sections.',
    who: ['editor', 'admin'],
  },
  {
    href: '/admin/pages',
    text: 'Pages',
    description: 'About, Contact and other static pages: write, publish, revisions.',
    who: ['editor', 'admin'],
  },
  {
    href: '/admin/moderation',
    text: 'Moderation',
    description: 'The queue of comments: approve, reject, feature; suspend and ban.',
    who: ['moderator', 'admin'],
  },
  {
    href: '/admin/moderation/log',
    text: 'Moderation log',
    description: 'Every moderator action: who, when, what and why.',
    who: ['moderator', 'admin'],
  },
  {
    href: '/admin/site',
    text: 'Site',
    description: 'Name, tagline, publisher, footer, logo and icon; time zone and language.',
    who: ['admin'],
  },
  {
    href: '/admin/sections',
    text: 'Sections',
    description: 'Create, rename, order, hide and remove the sections of the site.',
    who: ['admin'],
  },
  {
    href: '/admin/settings',
    text: 'Settings',
    description: 'Comment policy: pre-moderation, word lists, links, trust, limits.',
    who: ['admin'],
  },
  {
    href: '/admin/users',
    text: 'People',
    description: 'Invite staff; find people, change roles, names and bylines; suspend and ban.',
    who: ['admin'],
  },
  {
    href: '/admin/articles/deleted',
    text: 'Deleted drafts',
    description: 'Drafts deleted in the last 30 days: recover one as it was.',
    who: ['admin'],
  },
  {
    href: '/admin/outbox',
    text: 'Outbox',
    description: 'Every email the site has sent or kept, newest first.',
    who: ['admin'],
  },
  {
    href: '/admin/tokens',
    text: 'API tokens',
    description: 'Tokens for scripts: create and revoke.',
    who: ['admin'],
  },
  {
    href: '/admin/import',
    text: 'Import',
    description: 'Bring articles and comments from WordPress, comments from Disqus.',
    who: ['admin'],
  },
  {
    href: '/admin/menus',
    text: 'Menus',
    description: 'The masthead’s and the footer’s menus: sections, pages and links, in order.',
    who: ['admin'],
  },
];

/** The staff tools this person may open. */
export function adminLinks(ctx: PageContext): AdminLink[] {
  const role = ctx.viewer?.role;
  return tools
    .filter((t) => (t.who as readonly string[]).includes(role ?? ''))
    .map(({ href, text, description }) => ({ href, text, description }));
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
