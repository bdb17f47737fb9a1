/**
 * The reader's interface language without JavaScript: Adjust's language buttons post here, the
 * choice goes into the cookie `bs-lang` (the same one reader.js sets), and the reader is sent back
 * to the page they were on, which the server then draws in that language. An empty choice clears
 * the cookie: the site's language again. Article text is never translated.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../errors.js';
import { shippedLanguages } from '../../i18n/languages.js';
import type { CookieSettings } from '../plugins/auth.js';
import { languageCookie } from './forms.js';

/** A year: the choice lasts like the other Adjust settings (until the reader changes it). */
const maxAgeSeconds = 365 * 24 * 60 * 60;

/** A path on this site to go back to; anything else (another host, `//evil`) is the front page. */
export function returnPath(value: string | undefined): string {
  if (!value || !/^\/(?![/\\])[^\s\\]*$/.test(value)) return '/';
  return value;
}

export function languageForm(fastify: FastifyInstance, deps: { cookies: CookieSettings }): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/language',
    {
      schema: {
        hide: true,
        body: Type.Object(
          {
            language: Type.String({ maxLength: 35 }),
            return: Type.Optional(Type.String({ maxLength: 2000 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const { language } = request.body;
      const back = returnPath(request.body.return);
      const options = {
        path: '/',
        sameSite: 'lax' as const,
        secure: deps.cookies.https,
        // reader.js reads and writes the same cookie.
        httpOnly: false,
      };
      if (language === '') {
        reply.clearCookie(languageCookie, options);
      } else if (shippedLanguages.some((l) => l.tag === language)) {
        reply.setCookie(languageCookie, language, { ...options, maxAge: maxAgeSeconds });
      } else {
        throw new AppError(
          'unknown_language',
          `There is no interface language “${language}”: choose one of ${shippedLanguages.map((l) => l.tag).join(', ')}, or the site’s language.`,
          { field: 'language' },
        );
      }
      return reply.redirect(back, 303);
    },
  );
}
