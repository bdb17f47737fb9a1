/**
 * Drawn HTML kept with everything it was drawn from (issue 19, decision 0080). A cache miss of
 * a page with 200 comments drew every comment again although, between two misses, usually one
 * comment was new. A fragment here is found by a short key (a comment in a language) and used
 * only when all of its inputs (the comment's text, author's name, times, the page's address…)
 * are the very ones it was drawn from, so it can never be stale — an edited, moderated or
 * renamed comment is drawn anew — and nothing has to be told to forget anything, in this process
 * or any other. Old fragments age out within a budget of characters.
 */
/** What a fragment is drawn from: compared input by input (`===`) on every lookup. */
export type FragmentInputs = readonly (string | number | boolean | null)[];

interface Held<V> {
  inputs: FragmentInputs;
  value: V;
  used: boolean;
  size: number;
}

export class FragmentCache<V extends string | readonly string[]> {
  /**
   * One fragment per key (e.g. a comment in a language): a lookup with other inputs draws it anew
   * and replaces it, so an edited comment's old card goes at once. Oldest first; a hit only marks
   * its entry used (no reordering: a page looks up hundreds at once); when over budget, a used
   * entry gets a second chance at the end, an unused one goes.
   */
  private readonly entries = new Map<string, Held<V>>();
  private chars = 0;
  hits = 0;
  misses = 0;

  constructor(
    /** Characters held at most, keys, inputs and values counted (1–2 bytes each in V8). */
    readonly maxChars: number,
  ) {}

  /** The fragment under `key` drawn from these inputs, drawn by `draw` (and kept) if not held. */
  get(key: string, inputs: FragmentInputs, draw: () => V): V {
    const held = this.entries.get(key);
    if (held !== undefined && sameInputs(held.inputs, inputs)) {
      this.hits++;
      held.used = true;
      return held.value;
    }
    this.misses++;
    const value = draw();
    const size = key.length + sizeOf(value) + inputsSize(inputs);
    if (held !== undefined) {
      this.entries.delete(key);
      this.chars -= held.size;
    }
    if (size > this.maxChars / 8) return value;
    this.entries.set(key, { inputs, value, used: false, size });
    this.chars += size;
    // Each entry is looked at at most twice (its second chance clears its mark).
    for (let budget = 2 * this.entries.size; this.chars > this.maxChars && budget > 0; budget--) {
      const [k, e] = this.entries.entries().next().value as [string, Held<V>];
      this.entries.delete(k);
      if (e.used && k !== key) {
        e.used = false;
        this.entries.set(k, e);
      } else {
        this.chars -= e.size;
      }
    }
    return value;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Characters held, keys and inputs included. */
  get heldChars(): number {
    return this.chars;
  }

  clear(): void {
    this.entries.clear();
    this.chars = 0;
  }
}

function sameInputs(a: FragmentInputs, b: FragmentInputs): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function inputsSize(inputs: FragmentInputs): number {
  let n = 0;
  for (const i of inputs) n += typeof i === 'string' ? i.length : 1;
  return n;
}

function sizeOf(value: string | readonly string[]): number {
  if (typeof value === 'string') return value.length;
  let n = 0;
  for (const s of value) n += s.length;
  return n;
}

/**
 * Joins a fragment's inputs into one key, one to one: each input is preceded by its length, so no
 * two lists of inputs give the same key (cheaper than JSON, which looks at every character).
 */
export function fragmentKey(...parts: readonly (string | boolean | null)[]): string {
  let key = '';
  for (const p of parts) {
    if (p === null) key += 'n';
    else if (typeof p === 'boolean') key += p ? 't' : 'f';
    else key += `${p.length}:${p}`;
  }
  return key;
}
