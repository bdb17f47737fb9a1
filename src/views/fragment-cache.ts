/**
 * Drawn HTML kept by everything it was drawn from (issue 19, decision 0080). A cache miss of a
 * page with 200 comments drew every comment again although, between two misses, usually one
 * comment was new: the key of a fragment here is the whole of its input (the comment's id, text,
 * author's name, times, the page's address and language…), so a fragment can never be stale —
 * an edited, moderated or renamed comment has a new key — and nothing has to be told to forget
 * anything, in this process or any other. Old keys simply age out (least recently used first,
 * within a budget of characters).
 */
export class FragmentCache<V extends string | readonly string[]> {
  /**
   * Oldest first. A hit only marks its entry used (no reordering: a page looks up hundreds at
   * once); when over budget, a used entry gets a second chance at the end, an unused one goes.
   */
  private readonly entries = new Map<string, { value: V; used: boolean }>();
  private chars = 0;
  hits = 0;
  misses = 0;

  constructor(
    /** Characters held at most, keys and values counted (a character is 1–2 bytes in V8). */
    readonly maxChars: number,
  ) {}

  /** The fragment under `key`, drawn by `draw` (and kept) if it is not held. */
  get(key: string, draw: () => V): V {
    const held = this.entries.get(key);
    if (held !== undefined) {
      this.hits++;
      held.used = true;
      return held.value;
    }
    this.misses++;
    const value = draw();
    const size = key.length + sizeOf(value);
    if (size > this.maxChars / 8) return value;
    this.entries.set(key, { value, used: false });
    this.chars += size;
    // Each entry is looked at at most twice (its second chance clears its mark).
    for (let budget = 2 * this.entries.size; this.chars > this.maxChars && budget > 0; budget--) {
      const [k, e] = this.entries.entries().next().value as [string, { value: V; used: boolean }];
      this.entries.delete(k);
      if (e.used && k !== key) {
        e.used = false;
        this.entries.set(k, e);
      } else {
        this.chars -= k.length + sizeOf(e.value);
      }
    }
    return value;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Characters held, keys included. */
  get heldChars(): number {
    return this.chars;
  }

  clear(): void {
    this.entries.clear();
    this.chars = 0;
  }
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
