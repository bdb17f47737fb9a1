/**
 * A newsletter as email (HTML and text) and the confirmation email. An issue is drawn once with
 * placeholders for the subscriber's own links, which `personalise` fills for each address: a
 * send to 100,000 people draws the issue once.
 */
import { articlePath, type ArticleSummary } from '../../domain/article.js';
import { altText, fallbackOf, imagePath, variantFor } from '../../domain/image.js';
import { newsletterLinkQuery, type NewsletterIssue } from '../../domain/newsletter.js';
import type { SiteIdentity } from '../../domain/site.js';
import type { Translator } from '../../i18n/translator.js';
import { html, type SafeHtml } from '../html.js';
import { emailDocument, emailLink, font, palette, sans } from './frame.js';

/** Stand-ins for a subscriber's links: letters only, so escaping leaves them as they are. */
export const manageMark = 'BROADSHEETMANAGEURL';
export const leaveMark = 'BROADSHEETLEAVEURL';

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

export interface EmailSite {
  baseUrl: string;
  identity: SiteIdentity;
  i18n: Translator;
}

/**
 * A link to one of the site's pages from an issue: it names the issue as its campaign (and
 * nothing about the subscriber), so the views it brings count as the issue's clicks.
 */
const tracked = (site: EmailSite, issue: NewsletterIssue, path: string) =>
  `${site.baseUrl}${path}?${newsletterLinkQuery(issue)}`;

/** Width of the column images are drawn in. */
const column = 552;

function picture(site: EmailSite, article: ArticleSummary): SafeHtml | '' {
  const image = article.mainImage;
  if (!image || image.width <= 0) return '';
  const file = fallbackOf(image) ?? variantFor(image, column);
  if (!file) return '';
  const height = Math.round((column * image.height) / image.width);
  return html`<img class="nl-img" src="${site.baseUrl}${imagePath(file.file)}" width="${column}" height="${height}" alt="${altText(image)}" style="display:block;border:0;width:${column}px;max-width:100%;height:auto;margin:0 0 12px" />`;
}

function story(
  site: EmailSite,
  issue: NewsletterIssue,
  article: ArticleSummary,
  first: boolean,
): SafeHtml {
  const href = tracked(site, issue, articlePath(article));
  return html`<tr><td class="nl-rule" style="padding:20px 24px;${first ? '' : `border-top:1px solid ${palette.rule};`}">
${picture(site, article)}
<p class="nl-muted" style="${sans}margin:0 0 4px;font-size:12px;letter-spacing:0.04em;text-transform:uppercase;color:${palette.muted}">${article.section.name}</p>
<h2 class="nl-ink" style="${font}margin:0 0 8px;font-size:${first ? 26 : 21}px;line-height:1.25;color:${palette.ink}"><a href="${href}" class="nl-ink" style="color:${palette.ink};text-decoration:underline">${article.headline}</a></h2>
${article.standfirst ? html`<p class="nl-ink" style="${font}margin:0;font-size:17px;line-height:1.5;color:${palette.ink}">${article.standfirst}</p>` : ''}
</td></tr>`;
}

function kindLine(t: Translator['t'], issue: NewsletterIssue, site: string): string {
  if (issue.kind === 'alert') return t('newsletters.mail.alertLabel', { site });
  if (issue.kind === 'digest') return t('newsletters.mail.digestLabel', { site });
  return t('newsletters.mail.briefingLabel', { site });
}

/** An issue as email, with `manageMark` and `leaveMark` where the subscriber's links go. */
export function issueEmail(
  site: EmailSite,
  issue: NewsletterIssue,
  articles: readonly ArticleSummary[],
): RenderedMail {
  const { t } = site.i18n;
  const name = site.identity.name;
  const webUrl = tracked(site, issue, `/newsletters/${issue.slug}`);
  const label = kindLine(t, issue, name);
  const body = html`<tr><td style="padding:20px 24px 4px">
<p class="nl-muted" style="${sans}margin:0 0 6px;font-size:13px;color:${palette.muted}">${label} · ${site.i18n.date(issue.queuedAt ?? issue.createdAt)}</p>
<h1 class="nl-ink" style="${font}margin:0;font-size:30px;line-height:1.2;color:${palette.ink}">${issue.subject}</h1>
${issue.intro ? html`<p class="nl-ink" style="${font}margin:12px 0 0;font-size:17px;line-height:1.5;color:${palette.ink}">${issue.intro}</p>` : ''}
</td></tr>
${articles.map((a, i) => story(site, issue, a, i === 0))}`;
  const footer = html`<p style="margin:0 0 8px">${t('newsletters.mail.why', { site: name })}</p>
<p style="margin:0">${emailLink(manageMark, t('newsletters.mail.manage'))} · ${emailLink(leaveMark, t('newsletters.mail.leave'))} · ${emailLink(webUrl, t('newsletters.mail.web'))}</p>`;
  const text = [
    label,
    '',
    issue.subject,
    ...(issue.intro ? ['', issue.intro] : []),
    '',
    ...articles.flatMap((a) => [
      `${a.section.name.toUpperCase()}: ${a.headline}`,
      ...(a.standfirst ? [a.standfirst] : []),
      tracked(site, issue, articlePath(a)),
      '',
    ]),
    '-- ',
    t('newsletters.mail.why', { site: name }),
    `${t('newsletters.mail.manage')}: ${manageMark}`,
    `${t('newsletters.mail.leave')}: ${leaveMark}`,
    `${t('newsletters.mail.web')}: ${webUrl}`,
    ...(site.identity.footerText ? ['', site.identity.footerText] : []),
  ].join('\n');
  return {
    subject: issue.subject,
    text,
    html: emailDocument({
      lang: site.i18n.lang,
      dir: site.i18n.dir,
      baseUrl: site.baseUrl,
      identity: site.identity,
      subject: issue.subject,
      preheader: issue.intro || articles[0]?.headline || label,
      body,
      footer,
      homeUrl: tracked(site, issue, '/'),
    }),
  };
}

/** One subscriber's copy: their manage and leave links in place of the marks. */
export function personalise(mail: RenderedMail, links: { manage: string; leave: string }) {
  const fill = (s: string) =>
    s.split(manageMark).join(links.manage).split(leaveMark).join(links.leave);
  return { subject: mail.subject, html: fill(mail.html), text: fill(mail.text) };
}

/** The double opt-in email: one button to confirm, and what happens if it is ignored. */
export function confirmationEmail(
  site: EmailSite,
  confirmUrl: string,
  lists: string[],
): RenderedMail {
  const { t } = site.i18n;
  const name = site.identity.name;
  const subject = t('newsletters.confirm.subject', { site: name });
  const body = html`<tr><td style="padding:24px">
<h1 class="nl-ink" style="${font}margin:0 0 12px;font-size:26px;color:${palette.ink}">${t('newsletters.confirm.heading')}</h1>
<p class="nl-ink" style="${font}margin:0 0 12px;font-size:17px;line-height:1.5;color:${palette.ink}">${t('newsletters.confirm.body', { site: name })}</p>
<ul class="nl-ink" style="${font}margin:0 0 16px;font-size:17px;color:${palette.ink}">${lists.map((l) => html`<li>${l}</li>`)}</ul>
<table role="presentation" cellpadding="0" cellspacing="0" border="0"><tr><td style="background:${palette.link};border-radius:4px">
<a href="${confirmUrl}" style="${sans}display:inline-block;padding:12px 20px;color:#ffffff;font-weight:bold;text-decoration:none">${t('newsletters.confirm.button')}</a>
</td></tr></table>
</td></tr>`;
  const footer = html`<p style="margin:0">${t('newsletters.confirm.ignore')}</p>`;
  return {
    subject,
    html: emailDocument({
      lang: site.i18n.lang,
      dir: site.i18n.dir,
      baseUrl: site.baseUrl,
      identity: site.identity,
      subject,
      preheader: t('newsletters.confirm.heading'),
      body,
      footer,
    }),
    text: [
      t('newsletters.confirm.body', { site: name }),
      '',
      ...lists.map((l) => `- ${l}`),
      '',
      `${t('newsletters.confirm.button')}: ${confirmUrl}`,
      '',
      t('newsletters.confirm.ignore'),
    ].join('\n'),
  };
}
