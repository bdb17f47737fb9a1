/**
 * Text is decided once, at the edge (decisions/0046, domain/text.ts): a JSON or form body that
 * is not valid UTF-8 is a 400; a name or value with a refused control character (NUL…) or a
 * lone surrogate is a 400 naming the field; so is a query parameter; a path with one is a 404
 * (no route has such an address). Nothing past this point sees such text, so SQLite and
 * PostgreSQL answer alike.
 */
import type { FastifyInstance } from 'fastify';
import {
  decodeFormStrict,
  decodeStrict,
  textProblem,
  textProblemMessage,
} from '../../domain/text.js';
import { AppError } from '../../errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeBody(body: Buffer, what: string): string {
  try {
    return utf8.decode(body);
  } catch {
    throw new AppError('invalid_encoding', `The ${what} is not valid UTF-8 text.`);
  }
}

function refuseText(field: string, text: string): void {
  const problem = textProblem(text);
  if (problem) {
    throw new AppError('invalid_characters', textProblemMessage(field, problem), { field });
  }
}

/** Every key and string in a parsed JSON value, named by its path from the body (`a.b[2]`). */
function checkJson(value: unknown, path: string): void {
  if (typeof value === 'string') return refuseText(path || 'body', value);
  if (Array.isArray(value)) return value.forEach((v, i) => checkJson(v, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      const at = path ? `${path}.${key}` : key;
      refuseText(at, key);
      checkJson(v, at);
    }
  }
}

/** Keys that could change how objects behave once merged: refused, saying which. */
function refusePoisoning(key: string, value: unknown): unknown {
  if (key === '__proto__') throw poisoned('__proto__');
  if (key === 'constructor' && value !== null && typeof value === 'object') {
    if (Object.prototype.hasOwnProperty.call(value, 'prototype')) {
      throw poisoned('constructor.prototype');
    }
  }
  return value;
}

const poisoned = (key: string) =>
  new AppError(
    'forbidden_key',
    `The body may not contain the key "${key}": it could change how the server reads ` +
      'objects, so it is refused. Remove it and send the request again.',
    { field: key },
  );

/** The parsers and the hook, on the root instance (every route inherits them). */
export function textInput(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => {
    try {
      const text = decodeBody(body as Buffer, 'body');
      if (text.trim() === '') {
        throw new AppError('invalid_json', 'The body is empty; send a JSON object.');
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(text, refusePoisoning);
      } catch (error) {
        if (error instanceof AppError) throw error;
        throw new AppError('invalid_json', 'The body is not valid JSON.');
      }
      checkJson(parsed, '');
      done(null, parsed);
    } catch (error) {
      done(error as Error, undefined);
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    const [path = '', query] = request.url.split(/\?(.*)/s, 2);
    const decoded = decodeStrict(path);
    if (decoded === null || textProblem(decoded) !== null) return reply.callNotFound();
    if (query) {
      const pairs = decodeFormStrict(query);
      if (pairs === null) {
        throw new AppError('invalid_encoding', 'The query string is not valid UTF-8 text.');
      }
      for (const [name, value] of pairs) {
        refuseText(name, name);
        refuseText(name, value);
      }
    }
  });
}

/** The HTML forms' body parser: strict UTF-8, every name and value checked. */
export function formInput(scope: FastifyInstance): void {
  scope.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'buffer' },
    (_request, body, done) => {
      try {
        const pairs = decodeFormStrict(decodeBody(body as Buffer, 'form'));
        if (pairs === null) throw new AppError('invalid_encoding', 'The form is not valid UTF-8.');
        // No prototype: a field named `__proto__` is just a field.
        const fields = Object.create(null) as Record<string, string | string[]>;
        for (const [name, value] of pairs) {
          refuseText(name, name);
          refuseText(name, value);
          const existing = fields[name];
          fields[name] =
            existing === undefined
              ? value
              : Array.isArray(existing)
                ? [...existing, value]
                : [existing, value];
        }
        done(null, fields);
      } catch (error) {
        done(error as Error, undefined);
      }
    },
  );
}
