import type { User } from '../../../domain/user.js';
import { isNewsroom } from '../../../domain/workflow.js';
import type { PageContext } from '../../context.js';
import { formatDateTime } from '../../format.js';
import {
  csrfField,
  doneBanner,
  errorSummary,
  field,
  postForm,
  submitButton,
  type FormProblem,
} from '../../forms.js';
import { html } from '../../html.js';
import { notificationSettings } from './notifications.js';
import { accountPage } from './page.js';
import { passwordHint } from './sign-up.js';

export const accountNotices = {
  welcome: 'Welcome! Your account is ready. We have emailed you a link to confirm your address.',
  'signed-in': 'You are signed in.',
  password: 'Your password has been changed. You have been signed out everywhere else.',
  email:
    'We have sent a confirmation link to the new address. Your email changes when you open it.',
  'verification-sent': 'We have sent you a new confirmation link.',
  'replies-on': 'We will email you when someone replies to your comments.',
  'replies-off': 'We will not email you about replies to your comments.',
  profile: 'Your author page has been updated.',
  names: 'Your name has been changed.',
  photo: 'Your photo is on your author page.',
} as const;

export function accountView(
  ctx: PageContext,
  props: {
    user: User;
    done?: string | undefined;
    problem?: FormProblem;
    values?: { newEmail?: string };
    /** Whether reply emails are on (default yes). */
    replies?: boolean;
    /** The largest photo upload, in words ("10 MB"). */
    photoMaxSize?: string;
    /** Whether the person may delete the account, and what happens to their comments. */
    deletion?: { check: { allowed: boolean; reason?: string }; policy: 'anonymise' | 'remove' };
  },
) {
  const { user, problem } = props;
  const verified = user.emailVerifiedAt !== null;
  const main = html`<h1>Your account</h1>
    ${doneBanner(props.done)} ${errorSummary(problem)}
    <section class="panel" aria-labelledby="details-heading">
      <h2 id="details-heading">Details</h2>
      <dl class="details">
        <dt>Name</dt>
        <dd>${user.name}</dd>
        <dt>Email</dt>
        <dd>
          ${user.email}
          ${
            verified
              ? html`<span class="tag tag--ok">confirmed</span>`
              : html`<span class="tag tag--warn">not confirmed yet</span>`
          }
        </dd>
        <dt>Role</dt>
        <dd>${user.role}</dd>
        ${
          user.suspendedUntil && Date.parse(user.suspendedUntil) > Date.now()
            ? html`<dt>Suspended until</dt>
                <dd>${formatDateTime(user.suspendedUntil, ctx.identity.timeZone)}</dd>`
            : ''
        }
      </dl>
      ${
        verified
          ? ''
          : postForm(
              ctx,
              '/account/verify/resend',
              html`<p>Did not get the confirmation email? Check your spam folder, or:</p>
                ${submitButton('Send the link again', 'secondary')}`,
              { className: 'form form--inline' },
            )
      }
    </section>

    ${namesPanel(ctx, user, problem)}

    <section class="panel" aria-labelledby="password-heading">
      <h2 id="password-heading">Change your password</h2>
      ${postForm(
        ctx,
        '/account/password',
        html`${field({ id: 'current-password', name: 'current', label: 'Current password', type: 'password', autocomplete: 'current-password', required: true, problem })}
          ${field({ id: 'new-password', name: 'password', label: 'New password', type: 'password', autocomplete: 'new-password', hint: passwordHint, required: true, problem })}
          <p class="hint">This signs you out on every other device.</p>
          ${submitButton('Change password')}`,
      )}
    </section>

    <section class="panel" aria-labelledby="email-heading">
      <h2 id="email-heading">Change your email address</h2>
      ${postForm(
        ctx,
        '/account/email',
        html`${field({ id: 'new-email', name: 'email', label: 'New email address', type: 'email', autocomplete: 'email', value: props.values?.newEmail, hint: 'We send a link to the new address; the change happens when you open it.', required: true, maxlength: 254, problem })}
          ${field({ id: 'email-password', name: 'password', label: 'Your password', type: 'password', autocomplete: 'current-password', required: true, problem })}
          ${submitButton('Change email')}`,
      )}
    </section>

    ${isNewsroom(user.role) ? profilePanel(ctx, user, problem, props.photoMaxSize ?? '10 MB') : ''}

    ${notificationSettings(ctx, props.replies ?? true)}

    <section class="panel" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Signed-in devices</h2>
      ${postForm(
        ctx,
        '/account/signout-everywhere',
        html`<p>Lost a phone, or signed in on a shared computer? Sign out on every device, this one included.</p>
          ${submitButton('Sign out everywhere', 'danger')}`,
      )}
    </section>

    <section class="panel" aria-labelledby="data-heading">
      <h2 id="data-heading">Your data</h2>
      <p>
        One JSON file with everything this site keeps about you: your details, your comments with
        their earlier versions, your reactions, the reports you made and your settings. It has no
        password.
      </p>
      <p><a class="button button--secondary" href="/account/data" download>Download my data</a></p>
    </section>

    ${props.deletion ? deletionPanel(ctx, props.deletion, problem) : ''}`;
  return accountPage(ctx, { title: 'Your account', problem, main });
}

/** Everyone: the display name, and for staff the byline their articles carry. */
function namesPanel(ctx: PageContext, user: User, problem: FormProblem | undefined) {
  const staff = user.role !== 'commenter';
  return html`<section class="panel" aria-labelledby="names-heading">
    <h2 id="names-heading">Your name</h2>
    ${postForm(
      ctx,
      '/account/names',
      html`${field({ id: 'names-name', name: 'name', label: 'Display name', autocomplete: 'name', value: user.name, hint: staff ? 'Shown with your comments and in the newsroom.' : 'Shown with your comments.', required: true, maxlength: 60, problem })}
        ${staff ? field({ id: 'names-byline', name: 'byline', label: 'Byline (optional)', value: user.byline, hint: 'The name your articles and author page show, if it differs from your display name. Leave empty to use the display name.', maxlength: 60, problem }) : ''}
        ${submitButton('Save name', 'secondary')}`,
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
  return html`<form method="post" action="/account/photo" enctype="multipart/form-data" class="form" aria-label="Upload a photo" novalidate>
    ${csrfField(ctx)}
    ${user.photoUrl ? html`<p><img class="author-photo" src="${user.photoUrl}" alt="Your current photo" width="96" height="96" /></p>` : ''}
    <div class="field${invalid ? ' field--invalid' : ''}">
      <label for="photo-file">${user.photoUrl ? 'Replace your photo' : 'Upload a photo'}</label>
      <p class="hint" id="photo-file-hint">JPEG, PNG or WebP, at most ${maxSize}. It is cropped to a square from its centre.</p>
      ${invalid ? html`<p class="field-error" id="photo-file-error"><span class="visually-hidden">Error:</span> ${problem?.message}</p>` : ''}
      <input id="photo-file" name="file" type="file" accept="image/jpeg,image/png,image/webp" aria-describedby="${described}"${invalid ? html` aria-invalid="true"` : ''} />
    </div>
    ${submitButton('Upload photo', 'secondary')}
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
  return html`<section class="panel" aria-labelledby="profile-heading">
    <h2 id="profile-heading">Your author page</h2>
    <p><a href="/author/${user.slug}">See your author page</a></p>
    ${photoForm(ctx, user, problem, photoMaxSize)}
    ${postForm(
      ctx,
      '/account/profile',
      html`<div class="field${invalid ? ' field--invalid' : ''}">
          <label for="profile-bio">Bio</label>
          <p class="hint" id="profile-bio-hint">A sentence or two, shown above your articles. At most 1,000 characters.</p>
          ${invalid ? html`<p class="field-error" id="profile-bio-error"><span class="visually-hidden">Error:</span> ${problem?.message}</p>` : ''}
          <textarea id="profile-bio" name="bio" rows="3" maxlength="1000" aria-describedby="profile-bio-hint${invalid ? ' profile-bio-error' : ''}"${invalid ? html` aria-invalid="true"` : ''}>${user.bio}</textarea>
        </div>
        ${field({ id: 'profile-photo', name: 'photo', label: 'Photo address', value: user.photoUrl, hint: 'Set by uploading a photo above, or the address of an image stored by this site (it starts with /images/). Leave empty for no photo.', maxlength: 500, problem })}
        ${submitButton('Save author page', 'secondary')}`,
    )}
  </section>`;
}

function deletionPanel(
  ctx: PageContext,
  deletion: NonNullable<Parameters<typeof accountView>[1]['deletion']>,
  problem: FormProblem | undefined,
) {
  const comments =
    deletion.policy === 'remove'
      ? 'Your comments are removed; where someone replied to one, "Comment deleted" stays in its place.'
      : 'Your comments stay where they are, shown as written by "Deleted account".';
  return html`<section class="panel" aria-labelledby="delete-heading">
    <h2 id="delete-heading">Delete your account</h2>
    ${
      deletion.check.allowed
        ? postForm(
            ctx,
            '/account/delete',
            html`<p>
                This cannot be undone. Your name, email address, password, sign-ins, API tokens
                and reactions are deleted. ${comments}
              </p>
              <p>Download your data first if you want a copy.</p>
              ${field({ id: 'delete-password', name: 'password', label: 'Your password, to confirm', type: 'password', autocomplete: 'current-password', required: true, problem })}
              ${submitButton('Delete my account', 'danger')}`,
          )
        : html`<p>${deletion.check.reason}</p>`
    }
  </section>`;
}
