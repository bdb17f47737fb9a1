/**
 * Where image files live. The interface is all the rest of the program knows, so another store
 * (an S3 bucket, say) can take the disk's place; files are named by the hash of their bytes, so
 * a name never points to two different contents and writing one twice is harmless.
 */
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { randomBytes } from 'node:crypto';

export interface StoredFile {
  stream: Readable;
  size: number;
}

export interface ImageStorage {
  /** Stores the bytes under this name (a name already stored is left as it is). */
  put(name: string, bytes: Uint8Array): Promise<void>;
  /** The bytes, or null if nothing is stored under the name. */
  get(name: string): Promise<Buffer | null>;
  /** A stream of the bytes with their length, or null if nothing is stored under the name. */
  stream(name: string): Promise<StoredFile | null>;
  delete(name: string): Promise<void>;
  /** Whether something is stored under the name. */
  has(name: string): Promise<boolean>;
  /** Every stored name, in no particular order. */
  list(): AsyncIterable<string>;
  /** Where the files are, for messages: a folder or s3://bucket/prefix. */
  readonly location: string;
  /**
   * Present on stores a browser can fetch from directly: an address for the file (good for days,
   * the same all day long), or null if nothing is stored under the name.
   */
  signedUrl?(name: string): Promise<string | null>;
  /** Lets go of connections (a no-op for folders). */
  close?(): void;
}

/** Names the storage accepts: no separators, no dots but the extension's. */
export const safeName = /^[0-9a-z]+\.[a-z]+$/;

function missing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

/** Files under one folder (DATA_DIR/images), spread over sub-folders by their first two characters. */
export class DiskImageStorage implements ImageStorage {
  constructor(readonly dir: string) {}

  get location(): string {
    return this.dir;
  }

  private pathOf(name: string): string {
    if (!safeName.test(name)) throw new Error(`not a stored file name: ${JSON.stringify(name)}`);
    return path.join(this.dir, name.slice(0, 2), name);
  }

  async put(name: string, bytes: Uint8Array): Promise<void> {
    const target = this.pathOf(name);
    try {
      await stat(target);
      return;
    } catch (error) {
      if (!missing(error)) throw error;
    }
    await mkdir(path.dirname(target), { recursive: true });
    // Written beside its place and renamed: a reader never sees half a file, and a crash
    // leaves only a temporary file behind.
    const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    const handle = await open(temporary, 'w');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, target);
  }

  async get(name: string): Promise<Buffer | null> {
    try {
      return await readFile(this.pathOf(name));
    } catch (error) {
      if (missing(error)) return null;
      throw error;
    }
  }

  async stream(name: string): Promise<StoredFile | null> {
    const file = this.pathOf(name);
    try {
      const { size } = await stat(file);
      return { stream: createReadStream(file), size };
    } catch (error) {
      if (missing(error)) return null;
      throw error;
    }
  }

  async delete(name: string): Promise<void> {
    await rm(this.pathOf(name), { force: true });
  }

  async has(name: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(name))).isFile();
    } catch (error) {
      if (missing(error)) return false;
      throw error;
    }
  }

  async *list(): AsyncIterable<string> {
    let folders: string[];
    try {
      folders = await readdir(this.dir);
    } catch (error) {
      if (missing(error)) return;
      throw error;
    }
    for (const folder of folders.sort()) {
      if (!/^[0-9a-z]{2}$/.test(folder)) continue;
      let names: string[];
      try {
        names = await readdir(path.join(this.dir, folder));
      } catch (error) {
        if (missing(error) || (error as NodeJS.ErrnoException).code === 'ENOTDIR') continue;
        throw error;
      }
      // Temporary files (name.random.tmp) fail the pattern: only complete files are listed.
      for (const name of names.sort()) {
        if (safeName.test(name) && name.startsWith(folder)) yield name;
      }
    }
  }
}

export function imageDir(dataDir: string): string {
  return path.join(dataDir, 'images');
}
