import { newsroomEmailSettings } from './newsroom-emails.js';
import type { User } from '../../../domain/user.js';
import { isNewsroom } from '../../../domain/workflow.js';
import type { MessageKey } from '../../../i18n/translator.js';
import type { PageContext } from '../../context.js';
import {
  csrfField,
  doneBanner,
  errorSummary,
  field,
  postForm,
  submitButton,
  type FormProblem,
} from '../../forms.js';
import { html, type SafeHtml } from '../../html.js';
import { notificationSettings } from './notifications.js';
import { accountPage } from './page.js';
import { passkeyScript } from './passkeys.js';
import { ownerConfirmation, passwordPanel, type SignInState } from './sign-in-methods.js';

/** The `?done=` notices of the account page: their messages' keys. */
export const accountNotices = {
  welcome: 'account.done.welcome',
  'signed-in': 'account.done.signedIn',
  password: 'account.done.password',
  email: 'account.done.email',
  'verification-sent': 'account.done.verificationSent',
  'replies-on': 'account.done.repliesOn',
  'replies-off': 'account.done.repliesOff',
  'digest-on': 'account.done.digestOn',
  'digest-off': 'account.done.digestOff',
  profile: 'account.done.profile',
  names: 'account.done.names',
  photo: 'account.done.photo',
  'newsroom-emails': 'staff-mail.settings.saved',
  'newsletters-saved': 'newsletters.account.saved',
  'newsletters-confirm': 'newsletters.account.confirmSent',
  'passkey-added': 'passkeys.done.added',
  'passkey-removed': 'passkeys.done.removed',
  'passkey-renamed': 'passkeys.done.renamed',
  'sso-unlinked': 'sign-in.account.done.unlinked',
  'password-removed': 'sign-in.password.done.removed',
  'password-set': 'sign-in.password.done.set',
} as const satisfies Record<string, MessageKey>;

export function accountView(
  ctx: PageContext,
  props: {
    user: User;
    done?: MessageKey | undefined;
    problem?: FormProblem;
    values?: { newEmail?: string };
    /** Whether reply emails are on (default yes). */
    replies?: boolean;
    /** Whether a moderator gets the moderation digest; null or absent for others (no setting). */
    digest?: boolean | null;
    /** The newsroom emails a staff member is offered and gets; null or absent for others. */
    newsroomEmails?: Parameters<typeof newsroomEmailSettings>[1] | null;
    /** The largest photo upload, in words ("10 MB"). */
    photoMaxSize?: string;
    /** The newsletters panel (views/newsletters.ts), when the page has it. */
    newsletters?: SafeHtml;
    /** The passkeys panel and the recent sign-ins (views/pages/account/passkeys.ts). */
    passkeys?: { passkeys: SafeHtml; signIns: SafeHtml };
    /** The single sign-on accounts panel (views/pages/account/email-sign-in.ts). */
    ssoLinks?: SafeHtml;
    /** The person's ways in, for the password panel and the confirmations (absent: a password). */
    signIn?: SignInState;
    /** Whether the person may delete the account, and what happens to their comments. */
    deletion?: {
      check:
        | { allowed: true }
        | {
            allowed: false;
            condition: 'account_has_role' | 'account_has_bylines';
            bylines?: number;
          };
      policy: 'anonymise' | 'remove';
      /** The name anonymised comments are shown under (stored, so in the site's words). */
      deletedName: string;
    };
  },
) {
  const { user, problem } = props;
  const { t } = ctx.i18n;
  const verified = user.emailVerifiedAt !== null;
  const download = t('account.data.download');
  const main = html`<h1>${t('account.page.title')}</h1>
    ${doneBanner(props.done && t(props.done))} ${errorSummary(problem)}
    <section class="panel" aria-labelledby="details-heading">
      <h2 id="details-heading">${t('account.details.heading')}</h2>
      <dl class="details">
        <dt>${t('account.details.name')}</dt>
        <dd>${user.name}</dd>
        <dt>${t('account.details.email')}</dt>
        <dd>
          ${user.email}
          ${
            verified
              ? html`<span class="tag tag--ok">${t('account.details.confirmed')}</span>`
              : html`<span class="tag tag--warn">${t('account.details.notConfirmed')}</span>`
          }
        </dd>
        <dt>${t('account.details.role')}</dt>
        <dd>${t('account.role', { role: user.role })}</dd>
        ${
          user.suspendedUntil && Date.parse(user.suspendedUntil) > Date.now()
            ? html`<dt>${t('account.details.suspendedUntil')}</dt>
                <dd>${ctx.i18n.dateTime(user.suspendedUntil)}</dd>`
            : ''
        }
      </dl>
      ${
        verified
          ? ''
          : postForm(
              ctx,
              '/account/verify/resend',
              html`<p>${t('account.details.noMail')}</p>
                ${submitButton(t('account.details.resend'), 'secondary')}`,
              { className: 'form form--inline' },
            )
      }
    </section>

    ${namesPanel(ctx, user, problem)}

    ${props.passkeys?.passkeys ?? ''}

    ${passwordPanel(ctx, props.signIn ?? { hasPassword: true, mayRemovePassword: false, fresh: false }, problem)}

    <section class="panel" aria-labelledby="email-heading">
      <h2 id="email-heading">${t('account.email.heading')}</h2>
      ${postForm(
        ctx,
        '/account/email',
        html`${field({ id: 'new-email', name: 'email', label: t('account.email.new'), type: 'email', autocomplete: 'email', value: props.values?.newEmail, hint: t('account.email.hint'), required: true, maxlength: 254, problem })}
          ${ownerConfirmation(ctx, props.signIn, field({ id: 'email-password', name: 'password', label: t('account.email.password'), type: 'password', autocomplete: 'current-password', required: true, problem }))}
          ${submitButton(t('account.email.submit'))}`,
      )}
    </section>

    ${isNewsroom(user.role) ? profilePanel(ctx, user, problem, props.photoMaxSize ?? '10 MB') : ''}

    ${notificationSettings(ctx, props.replies ?? true, props.digest ?? null)}
    ${props.newsroomEmails ? newsroomEmailSettings(ctx, props.newsroomEmails) : ''}
    ${props.newsletters ?? ''} ${props.ssoLinks ?? ''}

    ${props.passkeys?.signIns ?? ''}

    <section class="panel" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">${t('account.sessions.heading')}</h2>
      ${postForm(
        ctx,
        '/account/signout-everywhere',
        html`<p>${t('account.sessions.intro')}</p>
          ${submitButton(t('account.sessions.submit'), 'danger')}`,
      )}
    </section>

    <section class="panel" aria-labelledby="data-heading">
      <h2 id="data-heading">${t('account.data.heading')}</h2>
      <p>${t('account.data.intro')}</p>
      <p><a class="button button--secondary" href="/account/data" download>${download}</a></p>
    </section>

    ${props.deletion ? deletionPanel(ctx, user, props.deletion, problem, props.signIn) : ''}`;
  return accountPage(ctx, {
    title: t('account.page.title'),
    problem,
    main,
    ...(props.passkeys ? { head: passkeyScript(ctx) } : {}),
  });
}

/** Everyone: the display name, and for staff the byline their articles carry. */
function namesPanel(ctx: PageContext, user: User, problem: FormProblem | undefined) {
  const staff = user.role !== 'commenter';
  const { t } = ctx.i18n;
  return html`<section class="panel" aria-labelledby="names-heading">
    <h2 id="names-heading">${t('account.names.heading')}</h2>
    ${postForm(
      ctx,
      '/account/names',
      html`${field({ id: 'names-name', name: 'name', label: t('account.field.displayName'), autocomplete: 'name', value: user.name, hint: staff ? t('account.names.hintStaff') : t('account.names.hint'), required: true, maxlength: 60, problem })}
        ${staff ? field({ id: 'names-byline', name: 'byline', label: t('account.names.byline'), value: user.byline, hint: t('account.names.bylineHint'), maxlength: 60, problem }) : ''}
        ${submitButton(t('account.names.submit'), 'secondary')}`,
    )}
  </section>`;
}

/** The photo upload: a multipart form, so it works without JavaScript. */
function photoForm(
  ctx: PageContext,
  user: User,
  problem: FormProblem | undefined,
  maxSize: string,
) {
  const invalid = problem?.field === 'photo-file';
  const described = `photo-file-hint${invalid ? ' photo-file-error' : ''}`;
  const { t } = ctx.i18n;
  return html`<form method="post" action="/account/photo" enctype="multipart/form-data" class="form" aria-label="${t('account.photo.form')}" novalidate>
    ${csrfField(ctx)}
    ${user.photoUrl ? html`<p><img class="author-photo" src="${user.photoUrl}" alt="${t('account.photo.current')}" width="96" height="96" /></p>` : ''}
    <div class="field${invalid ? ' field--invalid' : ''}">
      <label for="photo-file">${user.photoUrl ? t('account.photo.replace') : t('account.photo.upload')}</label>
      <p class="hint" id="photo-file-hint">${t('account.photo.hint', { size: maxSize })}</p>
      ${invalid ? html`<p class="field-error" id="photo-file-error"><span class="visually-hidden">${t('account.photo.error')}</span> ${problem?.message}</p>` : ''}
      <input id="photo-file" name="file" type="file" accept="image/jpeg,image/png,image/webp" aria-describedby="${described}"${invalid ? html` aria-invalid="true"` : ''} />
    </div>
    ${submitButton(t('account.photo.submit'), 'secondary')}
  </form>`;
}

/** Newsroom staff: the bio and photo their author page shows. */
function profilePanel(
  ctx: PageContext,
  user: User,
  problem: FormProblem | undefined,
  photoMaxSize: string,
) {
  const invalid = problem?.field === 'profile-bio';
  const { t } = ctx.i18n;
  return html`<section class="panel" aria-labelledby="profile-heading">
    <h2 id="profile-heading">${t('account.profile.heading')}</h2>
    <p><a href="/author/${user.slug}">${t('account.profile.see')}</a></p>
    ${photoForm(ctx, user, problem, photoMaxSize)}
    ${postForm(
      ctx,
      '/account/profile',
      html`<div class="field${invalid ? ' field--invalid' : ''}">
          <label for="profile-bio">${t('account.profile.bio')}</label>
          <p class="hint" id="profile-bio-hint">${t('account.profile.bioHint', { max: 1000 })}</p>
          ${invalid ? html`<p class="field-error" id="profile-bio-error"><span class="visually-hidden">${t('account.photo.error')}</span> ${problem?.message}</p>` : ''}
          <textarea id="profile-bio" name="bio" rows="3" maxlength="1000" aria-describedby="profile-bio-hint${invalid ? ' profile-bio-error' : ''}"${invalid ? html` aria-invalid="true"` : ''}>${user.bio}</textarea>
        </div>
        ${field({ id: 'profile-photo', name: 'photo', label: t('account.profile.photo'), value: user.photoUrl, hint: t('account.profile.photoHint'), maxlength: 500, problem })}
        ${submitButton(t('account.profile.submit'), 'secondary')}`,
    )}
  </section>`;
}

function deletionPanel(
  ctx: PageContext,
  user: User,
  deletion: NonNullable<Parameters<typeof accountView>[1]['deletion']>,
  problem: FormProblem | undefined,
  signIn: SignInState | undefined,
) {
  const { t } = ctx.i18n;
  const comments =
    deletion.policy === 'remove'
      ? t('account.delete.removed')
      : t('account.delete.anonymised', { name: deletion.deletedName });
  return html`<section class="panel" aria-labelledby="delete-heading">
    <h2 id="delete-heading">${t('account.delete.heading')}</h2>
    ${
      deletion.check.allowed
        ? postForm(
            ctx,
            '/account/delete',
            html`<p>${t('account.delete.warning')} ${comments}</p>
              <p>${t('account.delete.downloadFirst')}</p>
              ${ownerConfirmation(ctx, signIn, field({ id: 'delete-password', name: 'password', label: t('account.delete.password'), type: 'password', autocomplete: 'current-password', required: true, problem }))}
              ${submitButton(t('account.delete.submit'), 'danger')}`,
          )
        : html`<p>
            ${
              deletion.check.condition === 'account_has_role'
                ? t('account.delete.hasRole', { role: user.role })
                : t('account.delete.hasBylines', { count: deletion.check.bylines ?? 1 })
            }
          </p>`
    }
  </section>`;
}
