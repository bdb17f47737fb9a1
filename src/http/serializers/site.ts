/** The site's identity as the JSON API gives it: files as absolute URLs. */
import { imagePath } from '../../domain/image.js';
import type { SiteIdentity } from '../../domain/site.js';

export function siteJson(identity: SiteIdentity, baseUrl: string) {
  const url = (file: string) => baseUrl + imagePath(file);
  return {
    name: identity.name,
    tagline: identity.tagline,
    description: identity.description,
    publisherName: identity.publisherName,
    publisherUrl: identity.publisherUrl,
    publisherEmail: identity.publisherEmail,
    footerText: identity.footerText,
    credit: identity.credit,
    timeZone: identity.timeZone,
    language: identity.language,
    logo: identity.logo
      ? { url: url(identity.logo.file), width: identity.logo.width, height: identity.logo.height }
      : null,
    icons: identity.icons
      ? {
          favicon: `${baseUrl}/favicon.ico`,
          png32: url(identity.icons.png32),
          touch: url(identity.icons.touch),
          png192: url(identity.icons.png192),
          png512: url(identity.icons.png512),
        }
      : null,
  };
}
