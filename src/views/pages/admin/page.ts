/** The frame of staff pages: a small navigation of what this person may open, then the page. */
import type { MessageKey } from '../../../i18n/translator.js';
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

type ToolName =
  | 'articles'
  | 'front'
  | 'pages'
  | 'moderation'
  | 'moderationLog'
  | 'site'
  | 'sections'
  | 'settings'
  | 'people'
  | 'deletedDrafts'
  | 'outbox'
  | 'tokens'
  | 'import'
  | 'menus'
  | 'webhooks'
  | 'newsletters'
  | 'signIn'
  | 'insights';

/** A staff tool: its address, its name's key (`admin.tool.<name>`, and `….about`) and who opens it. */
interface Tool {
  href: string;
  name: ToolName;
  who: readonly Who[];
}

/** Every staff tool, in the order the navigation shows them, with who may open it. */
const tools: readonly Tool[] = [
  { href: '/admin/articles', name: 'articles', who: ['author', 'editor', 'admin'] },
  { href: '/admin/front', name: 'front', who: ['editor', 'admin'] },
  { href: '/admin/insights', name: 'insights', who: ['editor', 'admin'] },
  { href: '/admin/pages', name: 'pages', who: ['editor', 'admin'] },
  { href: '/admin/newsletters', name: 'newsletters', who: ['editor', 'admin'] },
  { href: '/admin/moderation', name: 'moderation', who: ['moderator', 'admin'] },
  { href: '/admin/moderation/log', name: 'moderationLog', who: ['moderator', 'admin'] },
  { href: '/admin/site', name: 'site', who: ['admin'] },
  { href: '/admin/sections', name: 'sections', who: ['admin'] },
  { href: '/admin/settings', name: 'settings', who: ['admin'] },
  { href: '/admin/users', name: 'people', who: ['admin'] },
  { href: '/admin/articles/deleted', name: 'deletedDrafts', who: ['admin'] },
  { href: '/admin/outbox', name: 'outbox', who: ['admin'] },
  { href: '/admin/tokens', name: 'tokens', who: ['admin'] },
  { href: '/admin/import', name: 'import', who: ['admin'] },
  { href: '/admin/menus', name: 'menus', who: ['admin'] },
  { href: '/admin/webhooks', name: 'webhooks', who: ['admin'] },
  { href: '/admin/sign-in', name: 'signIn', who: ['admin'] },
];

/** The staff tools this person may open. */
export function adminLinks(ctx: PageContext): AdminLink[] {
  const role = ctx.viewer?.role;
  return tools
    .filter((t) => (t.who as readonly string[]).includes(role ?? ''))
    .map(({ href, name }) => ({
      href,
      text: ctx.i18n.t(`admin.tool.${name}`),
      description: ctx.i18n.t(`admin.tool.${name}.about`),
    }));
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
  const links = [{ href: '/admin', text: ctx.i18n.t('admin.nav.home') }, ...adminLinks(ctx)];
  return layout(ctx, {
    title: formTitle(props.title, props.problem),
    robots: 'noindex',
    ...(props.head ? { head: props.head } : {}),
    main: html`<nav class="admin-nav" aria-label="${ctx.i18n.t('admin.nav.label')}">
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

/**
 * The message of a "done" notice a redirect named (`?done=saved`), if the page has one by that
 * name: anything else in the address shows nothing.
 */
export function notice(
  notices: Readonly<Record<string, MessageKey>>,
  name: string | undefined,
): MessageKey | undefined {
  return name !== undefined && Object.hasOwn(notices, name) ? notices[name] : undefined;
}
