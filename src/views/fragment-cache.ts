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
  /** In least-recently-used order: a hit moves its entry to the end. */
  private readonly entries = new Map<string, V>();
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
      // Move to the end only when it is not among the newest already (a page's fragments are
      // looked up together, oldest first, so most hits would move without this).
      this.entries.delete(key);
      this.entries.set(key, held);
      return held;
    }
    this.misses++;
    const made = draw();
    const size = key.length + sizeOf(made);
    if (size > this.maxChars / 8) return made;
    this.entries.set(key, made);
    this.chars += size;
    if (this.chars > this.maxChars) {
      for (const [k, v] of this.entries) {
        if (this.chars <= this.maxChars) break;
        this.entries.delete(k);
        this.chars -= k.length + sizeOf(v);
      }
    }
    return made;
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

/** Joins a fragment's inputs into one key, one to one (JSON: no two inputs give the same key). */
export function fragmentKey(...parts: readonly (string | number | boolean | null)[]): string {
  return JSON.stringify(parts);
}
