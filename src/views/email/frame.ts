/**
 * The frame of every newsletter email's HTML part: nested tables (the layout every mail program
 * draws alike), inline styles (many programs drop <style>), a dark scheme for the programs that
 * honour `prefers-color-scheme` and colours that stay readable where a program inverts them
 * itself. Made with the site's escaping templates (decisions/0064): every value is escaped.
 */
import { imagePath } from '../../domain/image.js';
import { logoDisplaySize, type SiteIdentity } from '../../domain/site.js';
import { html, raw, type SafeHtml } from '../html.js';

export const palette = {
  page: '#f3f1ec',
  card: '#ffffff',
  ink: '#1a1a1a',
  muted: '#4d4d4d',
  link: '#0b4f8a',
  rule: '#d8d4cc',
} as const;

/** Dark mode for the programs that read it; `!important` beats the inline light colours. */
const darkStyle = raw(`
:root { color-scheme: light dark; supported-color-schemes: light dark; }
@media (prefers-color-scheme: dark) {
  .nl-page { background: #121416 !important; }
  .nl-card { background: #1d2024 !important; }
  .nl-ink, .nl-ink a { color: #f1f1f1 !important; }
  .nl-muted { color: #c4c4c4 !important; }
  .nl-link { color: #9cc8ff !important; }
  .nl-rule { border-color: #3a3f45 !important; }
}
@media (max-width: 620px) { .nl-card { width: 100% !important; } .nl-img { width: 100% !important; height: auto !important; } }
`);

export const font = "font-family: Georgia, 'Times New Roman', serif;";
export const sans = 'font-family: Helvetica, Arial, sans-serif;';

export interface EmailFrame {
  lang: string;
  dir: 'ltr' | 'rtl';
  baseUrl: string;
  identity: SiteIdentity;
  subject: string;
  /** The line mail programs show after the subject. */
  preheader: string;
  body: SafeHtml;
  footer: SafeHtml;
  /** Where the masthead links to (default: the front page, `baseUrl/`). */
  homeUrl?: string;
}

function masthead(frame: EmailFrame): SafeHtml {
  const { identity, baseUrl } = frame;
  const home = frame.homeUrl ?? `${baseUrl}/`;
  if (identity.logo) {
    const size = logoDisplaySize(identity.logo);
    return html`<a href="${home}"><img src="${baseUrl}${imagePath(identity.logo.file)}" width="${size.width}" height="${size.height}" alt="${identity.name}" style="display:block;border:0;width:${size.width}px;height:${size.height}px" /></a>`;
  }
  return html`<a href="${home}" class="nl-ink" style="${font}color:${palette.ink};text-decoration:none;font-size:28px;font-weight:bold">${identity.name}</a>`;
}

export function emailDocument(frame: EmailFrame): string {
  const { identity } = frame;
  return `<!DOCTYPE html>${
    html`<html lang="${frame.lang}" dir="${frame.dir}">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<meta name="color-scheme" content="light dark" />
<meta name="supported-color-schemes" content="light dark" />
<title>${frame.subject}</title>
<style>${darkStyle}</style>
</head>
<body class="nl-page" style="margin:0;padding:0;background:${palette.page}">
<div style="display:none;max-height:0;overflow:hidden;opacity:0">${frame.preheader}</div>
<table role="presentation" class="nl-page" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:${palette.page}">
<tr><td align="center" style="padding:24px 8px">
<table role="presentation" class="nl-card" width="600" cellpadding="0" cellspacing="0" border="0" style="width:600px;max-width:600px;background:${palette.card}">
<tr><td class="nl-rule" style="padding:24px 24px 16px;border-bottom:3px solid ${palette.ink}">
${masthead(frame)}
${identity.tagline ? html`<p class="nl-muted" style="${sans}margin:6px 0 0;font-size:14px;color:${palette.muted}">${identity.tagline}</p>` : ''}
</td></tr>
${frame.body}
<tr><td class="nl-muted nl-rule" style="${sans}padding:20px 24px 28px;border-top:1px solid ${palette.rule};font-size:13px;line-height:1.5;color:${palette.muted}">
${frame.footer}
${identity.footerText ? html`<p style="margin:12px 0 0">${identity.footerText}</p>` : ''}
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>`.value
  }`;
}

/** A link in an email: underlined (colour alone does not mark it) and readable in both schemes. */
export function emailLink(href: string, text: string): SafeHtml {
  return html`<a class="nl-link" href="${href}" style="color:${palette.link};text-decoration:underline">${text}</a>`;
}
