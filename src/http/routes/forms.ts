/**
 * What the HTML form routes share: the page context for a request, catching a service's
 * AppError so the form can be shown again with the message beside the field it concerns, and
 * the account key the sign-in and reset rate limits count by.
 */
import type { FastifyRequest } from 'fastify';
import { errorMessage } from '../../i18n/error-messages.js';
import { languageCookie, languageOf } from '../../i18n/languages.js';

export { languageCookie };
import { translator, type Translator } from '../../i18n/translator.js';
import { AppError, type Condition } from '../../errors.js';
import type { Services } from '../../services/index.js';
import type { PageContext, SiteContext } from '../../views/context.js';
import type { FormProblem } from '../../views/forms.js';
import type { Limits } from '../limits.js';
import type { CookieSettings } from '../plugins/auth.js';
import { pageViewer } from '../plugins/pages.js';

export interface FormPageDeps {
  pageContext: (request: FastifyRequest) => Promise<PageContext>;
  limits: Limits;
  cookies: CookieSettings;
}

export function pageContexts(
  site: () => Promise<SiteContext>,
  services: Pick<Services, 'menus'>,
): (request: FastifyRequest) => Promise<PageContext> {
  return async (request) => {
    const [ctx, menus] = await Promise.all([site(), services.menus.menus()]);
    const chosen = readerLanguage(request);
    const i18n =
      chosen && chosen !== ctx.i18n.lang ? translator(chosen, ctx.identity.timeZone) : ctx.i18n;
    return {
      ...ctx,
      i18n,
      menus,
      viewer: pageViewer(request),
      ...(chosen ? { readerLanguage: chosen } : {}),
    };
  };
}

/** The interface language a reader chose in Adjust, if it is one Broadsheet has. */
export function readerLanguage(request: FastifyRequest): string | undefined {
  return languageOf(request.cookies[languageCookie])?.tag;
}

/** An error's message in the page's language (src/i18n/error-messages.ts). */
export { errorMessage };

export type Attempt<T> = { ok: true; value: T } | { ok: false; error: AppError };

/** Runs one service call; a refusal (AppError) comes back as a value, anything else is thrown. */
export async function attempt<T>(work: () => Promise<T>): Promise<Attempt<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error };
    throw error;
  }
}

/**
 * Where a form shows a service's errors: its inputs by the field an error names (the API's name
 * for it), and, for an error that names none, by its condition. Anything else shows in the summary.
 */
export interface FormFields {
  fields?: Readonly<Record<string, string>>;
  conditions?: Readonly<Partial<Record<Condition, string>>>;
}

/**
 * The problem to show, in the page's language, and the form input it concerns (by field or
 * condition, never wording).
 */
export function problemOf(error: AppError, i18n: Translator, where: FormFields = {}): FormProblem {
  const { fields = {}, conditions = {} } = where;
  // Own keys only: a field name may come from the request (`__proto__` marks nothing).
  const byField =
    error.field !== undefined && Object.hasOwn(fields, error.field)
      ? fields[error.field]
      : undefined;
  const field =
    byField ??
    (Object.hasOwn(conditions, error.condition) ? conditions[error.condition] : undefined);
  const message = errorMessage(i18n, error);
  return field ? { message, field, lang: i18n.lang } : { message, lang: i18n.lang };
}

/** The sign-in and reset limits count per account as well as per address. */
export function emailKey(request: FastifyRequest): string {
  const body = request.body as { email?: unknown } | undefined;
  return String(body?.email ?? '')
    .trim()
    .toLowerCase();
}

/** A fixed message for a `?done=` key; unknown keys (and `__proto__`) show nothing. */
export function doneMessage(
  messages: Readonly<Record<string, string>>,
  key: string | undefined,
): string | undefined {
  return key !== undefined && Object.hasOwn(messages, key) ? messages[key] : undefined;
}
