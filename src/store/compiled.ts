/**
 * Queries built and compiled once, then run with new values (decisions/0054). Kysely builds an
 * operation tree and compiles it to SQL on every `execute`; on the article page that cost more
 * than running the statements. A `Prepared` query is built once per database and shape with
 * stand-in values, compiled, and kept; each run swaps the real values into the parameter list
 * and hands the same SQL to `executeQuery` (on SQLite the driver then reuses the prepared
 * statement too: sqlite/open.ts).
 *
 * The builder must pass its arguments to Kysely as values (`where(col, '=', x)`, `in`, `limit`)
 * and never look into them: it sees stand-ins, not the real values. An argument may be a value,
 * null (the builder sees null and may branch on it), or a list of values (the builder sees a
 * list of stand-ins of the same length); each different shape is compiled once. A `variant`
 * (a short string the builder may branch on, such as a sort order) is part of the shape too.
 */
import type { CompiledQuery, Compilable, Kysely } from 'kysely';
import type { Database } from './schema.js';

type Value = string | number | boolean;
export type Arg = Value | null | readonly Value[];

/** A stand-in for argument `i` (item `j` of a list): text no real value contains. */
const standIn = (i: number, j = -1) => `\uFDD0arg:${i}:${j}\uFDD1`;
const standInPattern = /^\uFDD0arg:(\d+):(-?\d+)\uFDD1$/;

/** Where each parameter of the compiled SQL comes from: a fixed value, or an argument. */
type Source = { fixed: unknown } | { arg: number; item: number };

interface Template {
  query: CompiledQuery;
  sources: Source[];
}

/**
 * One query, compiled per database (Kysely's adapter: a transaction shares its database's) and
 * per shape of its arguments.
 */
export class Prepared<V extends string, A extends readonly Arg[], R> {
  private readonly templates = new WeakMap<object, Map<string, Template>>();

  constructor(
    private readonly build: (db: Kysely<Database>, variant: V, ...args: A) => Compilable<R>,
  ) {}

  /** The rows of the query run with these values. */
  async all(db: Kysely<Database>, variant: V, ...args: A): Promise<R[]> {
    const template = this.template(db, variant, args);
    const parameters = template.sources.map((s) => {
      if ('fixed' in s) return s.fixed;
      const arg = args[s.arg];
      return s.item < 0 ? arg : (arg as readonly Value[])[s.item];
    });
    const result = await db.executeQuery<R>({ ...template.query, parameters });
    return result.rows;
  }

  /** The first row, if any. */
  async first(db: Kysely<Database>, variant: V, ...args: A): Promise<R | undefined> {
    return (await this.all(db, variant, ...args))[0];
  }

  private template(db: Kysely<Database>, variant: V, args: A): Template {
    const adapter = db.getExecutor().adapter;
    let byShape = this.templates.get(adapter);
    if (!byShape) {
      byShape = new Map();
      this.templates.set(adapter, byShape);
    }
    const shape = `${variant}|${args.map((a) => (a === null ? 'n' : Array.isArray(a) ? a.length : 'v')).join(',')}`;
    let template = byShape.get(shape);
    if (!template) {
      template = compileTemplate(this.build(db, variant, ...(standIns(args) as unknown as A)));
      byShape.set(shape, template);
    }
    return template;
  }
}

function standIns(args: readonly Arg[]): Arg[] {
  return args.map((a, i) =>
    a === null ? null : Array.isArray(a) ? a.map((_, j) => standIn(i, j)) : standIn(i),
  );
}

/**
 * The SQL of every compiled template, each with a statement name of its own: PostgreSQL's
 * connections prepare them once by that name and plan them without parsing again (decision 0093,
 * postgres/open.ts). Bounded by the templates (a handful of shapes per query).
 */
const statementNames = new Map<string, string>();

/** The statement name of a compiled template's SQL (undefined: not a template's). */
export function statementName(sql: string): string | undefined {
  return statementNames.get(sql);
}

function compileTemplate(query: Compilable<unknown>): Template {
  const compiled = query.compile();
  if (compiled.sql.includes('\uFDD0arg:')) {
    throw new Error('a prepared query put an argument into its SQL text instead of a parameter');
  }
  if (!statementNames.has(compiled.sql)) {
    statementNames.set(compiled.sql, `bs_${statementNames.size + 1}`);
  }
  const sources = compiled.parameters.map((p): Source => {
    const match = typeof p === 'string' ? standInPattern.exec(p) : null;
    return match ? { arg: Number(match[1]), item: Number(match[2]) } : { fixed: p };
  });
  return { query: compiled, sources };
}

/** A query compiled once per database and shape (see `Prepared`). */
export function prepared<V extends string, A extends readonly Arg[], R>(
  build: (db: Kysely<Database>, variant: V, ...args: A) => Compilable<R>,
): Prepared<V, A, R> {
  return new Prepared(build);
}
