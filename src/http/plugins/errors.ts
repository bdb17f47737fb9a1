/**
 * One error handler. AppErrors answer with their status and public part (kind, condition,
 * message, field); validation errors are 400 naming the field; anything else is logged in full
 * and answered with a plain 500 that leaks nothing. API paths get JSON, whose `message` is the
 * English the error was raised with (for developers; `condition` is what a client translates);
 * pages get an HTML notice in the page's language (decisions/0049-translated-errors.md).
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  AppError,
  kindStatus,
  publicError,
  type ErrorKind,
  type PublicError,
} from '../../errors.js';
import { errorMessage } from '../../i18n/error-messages.js';
import { defaultLanguage } from '../../i18n/languages.js';
import { translator, type MessageKey, type Translator } from '../../i18n/translator.js';
import type { PageContext } from '../../views/context.js';
import { html } from '../../views/html.js';
import { noticeView } from '../../views/pages/notice.js';
import { readerLanguage } from '../routes/forms.js';

function isApi(request: FastifyRequest): boolean {
  return request.url === '/api' || request.url.startsWith('/api/');
}

function kindForStatus(status: number): ErrorKind {
  const found = (Object.entries(kindStatus) as [ErrorKind, number][]).find(([, s]) => s === status);
  return found ? found[0] : status >= 500 ? 'internal' : 'bad_request';
}

/** The input a schema refused: the property's name, or the one that is missing. */
function validationField(error: FastifyError): string | undefined {
  const first = error.validation?.[0];
  if (!first) return undefined;
  const named = first.instancePath.split('/')[1];
  if (named) return named.replace(/~1/g, '/').replace(/~0/g, '~');
  const missing = (first.params as { missingProperty?: unknown }).missingProperty;
  return typeof missing === 'string' ? missing : undefined;
}

/** The statuses whose error page has a title of its own; any other says "Something went wrong". */
const pageTitles: Partial<Record<number, MessageKey>> = {
  400: 'errors.page.400',
  401: 'errors.page.401',
  403: 'errors.page.403',
  404: 'errors.page.404',
  410: 'errors.page.410',
  429: 'errors.page.429',
};

function pageTitle(i18n: Translator, status: number): string {
  return i18n.t(pageTitles[status] ?? 'errors.page.other');
}

/**
 * Answers an error: the public part as JSON, or a page saying `raised` in the page's language.
 */
function send(
  request: FastifyRequest,
  reply: FastifyReply,
  ctx: (request: FastifyRequest) => Promise<PageContext>,
  status: number,
  error: PublicError,
  raised: AppError,
) {
  reply.code(status);
  if (isApi(request) || request.headers.accept === 'application/json') {
    return reply.type('application/json; charset=utf-8').send({ error });
  }
  // The page frame needs the database (sections, viewer); when that is what failed, a bare page
  // still answers, so the default handler (which prints error messages) never gets a turn.
  return ctx(request)
    .then((context) => {
      const title = pageTitle(context.i18n, status);
      const message = errorMessage(context.i18n, raised);
      return noticeView(context, { title, message }).value;
    })
    .catch(() => bareNotice(request, status, raised))
    .then((page) =>
      reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-store').send(page),
    );
}

/**
 * Without the page frame there is no site language: the reader's choice, else the default. A
 * request refused before its cookies were read (a malformed address) has no choice either.
 */
function bareLanguage(request: FastifyRequest): string {
  try {
    return readerLanguage(request) ?? defaultLanguage;
  } catch {
    return defaultLanguage;
  }
}

function bareNotice(request: FastifyRequest, status: number, raised: AppError): string {
  const i18n = translator(bareLanguage(request), 'UTC');
  const title = pageTitle(i18n, status);
  return html`<!doctype html>
<html lang="${i18n.lang}" dir="${i18n.dir}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head>
<body><main><h1>${title}</h1><p>${errorMessage(i18n, raised)}</p><p><a href="/">${i18n.t('errors.page.home')}</a></p></main></body></html>`
    .value;
}

/**
 * A page that is not here may be an imported article's address on its old site: those answer
 * with a permanent redirect to where the article is now.
 */
async function movedHere(
  request: FastifyRequest,
  reply: FastifyReply,
  oldAddress: (url: string) => Promise<string | null>,
): Promise<boolean> {
  if ((request.method !== 'GET' && request.method !== 'HEAD') || isApi(request)) return false;
  const target = await oldAddress(request.url).catch(() => null);
  if (!target) return false;
  await reply.redirect(target, 301);
  return true;
}

export function errorHandling(
  app: FastifyInstance,
  pageContext: (request: FastifyRequest) => Promise<PageContext>,
  oldAddress: (url: string) => Promise<string | null> = () => Promise.resolve(null),
): void {
  app.setNotFoundHandler(async (request, reply) => {
    if (await movedHere(request, reply, oldAddress)) return reply;
    const missing = new AppError(
      'not_found',
      isApi(request)
        ? `There is no ${request.method} ${request.url.split('?')[0]}.`
        : 'There is nothing at this address. It may have moved, or the link may be mistyped.',
    );
    return send(request, reply, pageContext, 404, publicError(missing), missing);
  });

  app.setErrorHandler(async (error: FastifyError | AppError | Error, request, reply) => {
    // A one-word old address (/%postname%/) reaches the section route, which finds no section.
    if (error instanceof AppError && error.status === 404) {
      if (await movedHere(request, reply, oldAddress)) return reply;
    }
    if (error instanceof AppError) {
      if (error.detail !== undefined)
        request.log.warn({ err: error, detail: error.detail }, error.message);
      if (error.retryAfterSeconds !== undefined) {
        reply.header('retry-after', String(error.retryAfterSeconds));
      }
      return send(request, reply, pageContext, error.status, publicError(error), error);
    }
    const fastifyError = error as FastifyError;
    if (fastifyError.validation) {
      const refused = new AppError('invalid_request', fastifyError.message, {
        field: validationField(fastifyError),
      });
      return send(request, reply, pageContext, 400, publicError(refused), refused);
    }
    const status = fastifyError.statusCode;
    if (status !== undefined && status >= 400 && status < 500) {
      // Fastify's own client errors (malformed JSON, body too large, bad media type…)
      const known =
        status === 413
          ? new AppError('body_too_large', 'The request body is too large.')
          : status === 415
            ? new AppError('unsupported_content_type', 'That content type is not accepted here.')
            : status === 400 && fastifyError.code === 'FST_ERR_CTP_INVALID_JSON_BODY'
              ? new AppError('invalid_json', 'The body is not valid JSON.')
              : null;
      // Any other keeps its own status; its kind follows from that status, as it always did.
      const raised = known ?? new AppError('malformed_request', fastifyError.message);
      const body: PublicError = known
        ? publicError(known)
        : {
            code: kindForStatus(status),
            condition: 'malformed_request',
            message: fastifyError.message,
          };
      return send(request, reply, pageContext, status, body, raised);
    }
    request.log.error({ err: error }, 'unhandled error');
    const internal = new AppError(
      'internal',
      'Something went wrong on our side. Please try again.',
    );
    return send(request, reply, pageContext, 500, publicError(internal), internal);
  });
}
