/** Site settings for comments and moderation (admins): one form, every value checked first. */
import { settingDefinitions, type SettingDefinition } from '../../../domain/moderation/policy.js';
import type { PageContext } from '../../context.js';
import { doneBanner, postForm } from '../../forms.js';
import { html, type SafeHtml } from '../../html.js';
import { adminPage } from './page.js';

export const settingsNotices = { saved: 'The settings are saved and apply from now on.' } as const;

export function fieldId(key: string): string {
  return `setting-${key.replace(/\./g, '-')}`;
}

const groups: { legend: string; prefix: (key: string) => boolean }[] = [
  { legend: 'Comments', prefix: (k) => k.startsWith('comments.') },
  {
    legend: 'Pre-moderation and words',
    prefix: (k) =>
      ['moderation.premoderation', 'moderation.bannedWords', 'moderation.suspectWords'].includes(k),
  },
  {
    legend: 'Links, trust and reports',
    prefix: (k) =>
      [
        'moderation.linksNeedApproved',
        'moderation.manyLinks',
        'moderation.newCommenterBelow',
        'moderation.lowTrustRejected',
        'moderation.reportThreshold',
      ].includes(k),
  },
  { legend: 'Posting rate limits', prefix: (k) => k.startsWith('moderation.rate') },
  { legend: 'Accounts', prefix: (k) => k.startsWith('accounts.') },
];

function settingField(
  def: SettingDefinition,
  value: string,
  problem: string | undefined,
): SafeHtml {
  const id = fieldId(def.key);
  const described = [def.hint ? `${id}-hint` : '', problem ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  const aria = html`${described ? html` aria-describedby="${described}"` : ''}${problem ? html` aria-invalid="true"` : ''}`;
  let control: SafeHtml;
  if (def.kind === 'choice') {
    control = html`<select id="${id}" name="${def.key}" ${aria}>
      ${def.choices.map((c) => html`<option value="${c.value}" ${c.value === value ? html` selected` : ''}>${c.text}</option>`)}
    </select>`;
  } else if (def.kind === 'words') {
    control = html`<textarea id="${id}" name="${def.key}" rows="5" spellcheck="false" ${aria}>
${value}</textarea
    >`;
  } else {
    control = html`<input id="${id}" name="${def.key}" type="text" inputmode="numeric" value="${value}" maxlength="7" ${aria} />`;
  }
  return html`<div class="field${problem ? ' field--invalid' : ''}">
    <label for="${id}">${def.label}</label>
    ${def.hint ? html`<p class="hint" id="${id}-hint">${def.hint}</p>` : ''}
    ${problem ? html`<p class="field-error" id="${id}-error"><span class="visually-hidden">Error:</span> ${problem}</p>` : ''}
    ${control}
  </div>`;
}

export function settingsView(
  ctx: PageContext,
  props: {
    values: Record<string, string>;
    problems?: Record<string, string>;
    done?: string | undefined;
  },
): SafeHtml {
  const problems = props.problems ?? {};
  const listed = Object.entries(problems);
  const main = html`<h1>Settings</h1>
    ${doneBanner(props.done)}
    ${
      listed.length
        ? html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
            <h2 id="error-summary-title">There is a problem</h2>
            <ul>
              ${listed.map(([key, message]) => html`<li><a href="#${fieldId(key)}">${message}</a></li>`)}
            </ul>
          </div>`
        : ''
    }
    <p>Changes apply to the next comment; nothing needs restarting.</p>
    ${postForm(
      ctx,
      '/admin/settings',
      html`${groups.map(
        (g) => html`<fieldset>
          <legend>${g.legend}</legend>
          ${settingDefinitions
            .filter((d) => g.prefix(d.key))
            .map((d) => settingField(d, props.values[d.key] ?? '', problems[d.key]))}
        </fieldset>`,
      )}
        <button type="submit" class="button button--primary">Save settings</button>`,
      { className: 'form settings-form', label: 'Settings' },
    )}`;
  return adminPage(ctx, {
    title: 'Settings',
    current: '/admin/settings',
    problem: listed.length ? { message: listed[0]?.[1] ?? '' } : undefined,
    main,
  });
}
