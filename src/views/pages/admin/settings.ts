/** Site settings for comments and moderation (admins): one form, every value checked first. */
import {
  checkSetting,
  settingDefinitions,
  type SettingDefinition,
  type SettingProblem,
} from '../../../domain/moderation/policy.js';
import type { MessageKey, Translator } from '../../../i18n/translator.js';
import type { PageContext } from '../../context.js';
import { doneBanner, postForm } from '../../forms.js';
import { html, type SafeHtml } from '../../html.js';
import { noticeText } from './moderation.js';
import { adminPage } from './page.js';

export const settingsNotices = { saved: 'moderation.notice.settings' } as const satisfies Record<
  string,
  MessageKey
>;

export function fieldId(key: string): string {
  return `setting-${key.replace(/\./g, '-')}`;
}

const groups: { legend: MessageKey; prefix: (key: string) => boolean }[] = [
  { legend: 'moderation.group.comments', prefix: (k) => k.startsWith('comments.') },
  {
    legend: 'moderation.group.words',
    prefix: (k) =>
      ['moderation.premoderation', 'moderation.bannedWords', 'moderation.suspectWords'].includes(k),
  },
  {
    legend: 'moderation.group.trust',
    prefix: (k) =>
      [
        'moderation.linksNeedApproved',
        'moderation.manyLinks',
        'moderation.newCommenterBelow',
        'moderation.lowTrustRejected',
        'moderation.reportThreshold',
      ].includes(k),
  },
  { legend: 'moderation.group.rates', prefix: (k) => k.startsWith('moderation.rate') },
  { legend: 'moderation.group.accounts', prefix: (k) => k.startsWith('accounts.') },
];

// A setting's words are in the catalogue under its key (`setting.<key>`, `hint.<key>`,
// `choice.<key>.<value>`); the catalogue test fails when a setting has none.
const label = (i18n: Translator, def: SettingDefinition) =>
  i18n.t(`moderation.setting.${def.key}` as MessageKey);
const hint = (i18n: Translator, def: SettingDefinition) =>
  def.hint ? i18n.t(`moderation.hint.${def.key}` as MessageKey) : '';
const choice = (i18n: Translator, def: SettingDefinition, value: string) =>
  i18n.t(`moderation.choice.${def.key}.${value}` as MessageKey);

/** A refused value's problem in the reader's language. */
function problemText(i18n: Translator, def: SettingDefinition, problem: SettingProblem): string {
  const name = label(i18n, def);
  switch (problem.code) {
    case 'whole':
      return i18n.t('moderation.problem.whole', { label: name });
    case 'range':
      return i18n.t('moderation.problem.range', {
        label: name,
        min: i18n.number(problem.min),
        max: i18n.number(problem.max),
      });
    case 'choice':
      return i18n.t('moderation.problem.choice', { label: name });
    case 'entryLength':
      return i18n.t('moderation.problem.entryLength', {
        label: name,
        max: i18n.number(problem.max),
      });
    case 'entries':
      return i18n.t('moderation.problem.entries', { label: name, max: i18n.number(problem.max) });
    case 'unusable':
      return i18n.t('moderation.problem.unusable', { label: name, entry: problem.entry });
  }
}

function settingField(
  i18n: Translator,
  def: SettingDefinition,
  value: string,
  problem: string | undefined,
): SafeHtml {
  const id = fieldId(def.key);
  const hintText = hint(i18n, def);
  const described = [hintText ? `${id}-hint` : '', problem ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  const aria = html`${described ? html` aria-describedby="${described}"` : ''}${problem ? html` aria-invalid="true"` : ''}`;
  const hintLine = hintText ? html`<p class="hint" id="${id}-hint">${hintText}</p>` : '';
  const problemLine = problem
    ? html`<p class="field-error" id="${id}-error"><span class="visually-hidden">${i18n.t('moderation.error')}</span> ${problem}</p>`
    : '';
  if (def.kind === 'choice') {
    // Radio buttons, not a menu: a choice's whole sentence shows on a phone, none clipped. The
    // first one has the setting's id, which the error summary links to.
    return html`<fieldset class="field setting-choices${problem ? ' field--invalid' : ''}" ${described ? html` aria-describedby="${described}"` : ''}>
      <legend>${label(i18n, def)}</legend>
      ${hintLine} ${problemLine}
      ${def.choices.map((c, i) => {
        const choiceId = i === 0 ? id : `${id}-${c.value}`;
        return html`<div class="choice">
          <input type="radio" id="${choiceId}" name="${def.key}" value="${c.value}" ${c.value === value ? html` checked` : ''} />
          <label for="${choiceId}">${choice(i18n, def, c.value)}</label>
        </div>`;
      })}
    </fieldset>`;
  }
  let control: SafeHtml;
  if (def.kind === 'words') {
    control = html`<textarea id="${id}" name="${def.key}" rows="5" spellcheck="false" ${aria}>
${value}</textarea
    >`;
  } else {
    control = html`<input id="${id}" name="${def.key}" type="text" inputmode="numeric" value="${value}" maxlength="7" ${aria} />`;
  }
  return html`<div class="field${problem ? ' field--invalid' : ''}">
    <label for="${id}">${label(i18n, def)}</label>
    ${hintLine} ${problemLine} ${control}
  </div>`;
}

export function settingsView(
  ctx: PageContext,
  props: {
    values: Record<string, string>;
    /** The refused settings (by key), with the service's English words for each. */
    problems?: Record<string, string>;
    done?: string | undefined;
  },
): SafeHtml {
  const { i18n } = ctx;
  // Each refusal worded again in the reader's language, from the value that was refused.
  const problems: Record<string, string> = {};
  for (const [key, message] of Object.entries(props.problems ?? {})) {
    const def = settingDefinitions.find((d) => d.key === key);
    const checked = def ? checkSetting(def, props.values[key] ?? '') : null;
    problems[key] =
      def && checked && !checked.ok ? problemText(i18n, def, checked.problem) : message;
  }
  const listed = Object.entries(problems);
  const main = html`<h1>${i18n.t('moderation.settings.title')}</h1>
    ${doneBanner(noticeText(i18n, props.done))}
    ${
      listed.length
        ? html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
            <h2 id="error-summary-title">${i18n.t('moderation.settings.problem')}</h2>
            <ul>
              ${listed.map(([key, message]) => html`<li><a href="#${fieldId(key)}">${message}</a></li>`)}
            </ul>
          </div>`
        : ''
    }
    <p>${i18n.t('moderation.settings.intro')}</p>
    ${postForm(
      ctx,
      '/admin/settings',
      html`${groups.map(
        (g) => html`<fieldset>
          <legend>${i18n.t(g.legend)}</legend>
          ${settingDefinitions
            .filter((d) => g.prefix(d.key))
            .map((d) => settingField(i18n, d, props.values[d.key] ?? '', problems[d.key]))}
        </fieldset>`,
      )}
        <button type="submit" class="button button--primary">${i18n.t('moderation.settings.save')}</button>`,
      { className: 'form settings-form', label: i18n.t('moderation.settings.title') },
    )}`;
  return adminPage(ctx, {
    title: i18n.t('moderation.settings.title'),
    current: '/admin/settings',
    problem: listed.length ? { message: listed[0]?.[1] ?? '' } : undefined,
    main,
  });
}
