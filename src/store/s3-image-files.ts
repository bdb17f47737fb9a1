/**
 * Image files in a bucket of an S3-compatible object store (AWS S3, or a server of one's own
 * that speaks its API), so that every app server sees every upload. Objects are named
 * `prefix/<file name>`; the names are content hashes, so an object is written once and never
 * changed, and S3's consistency for new objects (read-after-write) is all this needs.
 * Trade-offs: docs/decisions/0060-s3-images.md.
 */
import type { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  paginateListObjectsV2,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { safeName, type ImageStorage, type StoredFile } from './image-files.js';

export interface S3Settings {
  bucket: string;
  /** Key prefix without slashes at either end; '' = the bucket's top level. */
  prefix: string;
  /** null = AWS's endpoint for the region. */
  endpoint: string | null;
  region: string;
  /** Both null = the SDK's own credential chain (AWS_* variables, profile, instance role). */
  accessKeyId: string | null;
  secretAccessKey: string | null;
  forcePathStyle: boolean;
  /** How long to wait for an answer before giving up (and trying again); 30 s when not given. */
  answerTimeoutMs?: number;
}

/** What a stored object carries, so that a browser sent straight to it caches it as we would. */
const contentTypes: Record<string, string> = {
  jpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  ico: 'image/x-icon',
};
export const immutableCaching = 'public, max-age=31536000, immutable';

/** A signed address is good for the longest time S3 allows (7 days)… */
const signedForSeconds = 7 * 24 * 3600;
/** …and made for the start of the day, so every server hands out the same one all day long. */
const signingWindowMs = 24 * 3600 * 1000;

/**
 * No object under the key. A missing bucket (NoSuchBucket) is not this: it is a misconfiguration,
 * and an error. (A HEAD answer has no body to tell the two apart: both are NotFound.)
 */
function notFound(error: unknown): boolean {
  const name = (error as { name?: string }).name;
  return name === 'NoSuchKey' || name === 'NotFound';
}

export function s3Client(settings: Omit<S3Settings, 'bucket' | 'prefix'>): S3Client {
  return new S3Client({
    region: settings.region,
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    forcePathStyle: settings.forcePathStyle,
    ...(settings.accessKeyId && settings.secretAccessKey
      ? {
          credentials: {
            accessKeyId: settings.accessKeyId,
            secretAccessKey: settings.secretAccessKey,
          },
        }
      : {}),
    // Checksums only where the API demands them: the SDK's default since 2025 (a CRC trailer on
    // every upload) is refused by several S3-compatible servers, and every body we send is a
    // whole buffer whose name is already its hash.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    // A store that does not answer fails the request instead of holding it for minutes.
    // (Without throwOnRequestTimeout the SDK only logs a warning when the time is up.)
    requestHandler: {
      connectionTimeout: 5_000,
      requestTimeout: settings.answerTimeoutMs ?? 30_000,
      throwOnRequestTimeout: true,
    },
    maxAttempts: 3,
  });
}

export class S3ImageStorage implements ImageStorage {
  readonly client: S3Client;

  constructor(
    readonly settings: S3Settings,
    client?: S3Client,
  ) {
    this.client = client ?? s3Client(settings);
  }

  /** Where this store is, for messages: s3://bucket/prefix. */
  get location(): string {
    return `s3://${this.settings.bucket}${this.settings.prefix ? `/${this.settings.prefix}` : ''}`;
  }

  private key(name: string): string {
    if (!safeName.test(name)) throw new Error(`not a stored file name: ${JSON.stringify(name)}`);
    return this.settings.prefix ? `${this.settings.prefix}/${name}` : name;
  }

  async has(name: string): Promise<boolean> {
    try {
      await this.client.send(
        new HeadObjectCommand({ Bucket: this.settings.bucket, Key: this.key(name) }),
      );
      return true;
    } catch (error) {
      if (notFound(error)) return false;
      throw error;
    }
  }

  async put(name: string, bytes: Uint8Array): Promise<void> {
    // The name is the content: an object already there is the same bytes.
    if (await this.has(name)) return;
    const extension = name.slice(name.lastIndexOf('.') + 1);
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.settings.bucket,
        Key: this.key(name),
        Body: bytes,
        ContentLength: bytes.length,
        ContentType: contentTypes[extension] ?? 'application/octet-stream',
        CacheControl: immutableCaching,
      }),
    );
  }

  async get(name: string): Promise<Buffer | null> {
    const found = await this.stream(name);
    if (!found) return null;
    const chunks: Buffer[] = [];
    for await (const chunk of found.stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  async stream(name: string): Promise<StoredFile | null> {
    try {
      const answer = await this.client.send(
        new GetObjectCommand({ Bucket: this.settings.bucket, Key: this.key(name) }),
      );
      // In Node the body is the HTTP response itself: bytes flow through as they arrive.
      const stream = answer.Body as Readable | undefined;
      if (!stream) return null;
      return { stream, size: answer.ContentLength ?? 0 };
    } catch (error) {
      if (notFound(error)) return null;
      throw error;
    }
  }

  async delete(name: string): Promise<void> {
    await this.client.send(
      new DeleteObjectCommand({ Bucket: this.settings.bucket, Key: this.key(name) }),
    );
  }

  async *list(): AsyncIterable<string> {
    const prefix = this.settings.prefix ? `${this.settings.prefix}/` : '';
    const pages = paginateListObjectsV2(
      { client: this.client },
      { Bucket: this.settings.bucket, Prefix: prefix },
    );
    for await (const page of pages) {
      for (const object of page.Contents ?? []) {
        const name = object.Key?.slice(prefix.length) ?? '';
        if (safeName.test(name)) yield name;
      }
    }
  }

  /**
   * A signed address a browser can fetch the object from for at least six more days (made for
   * the start of the current day, valid seven), or null when there is no such object.
   */
  async signedUrl(name: string, now: Date = new Date()): Promise<string | null> {
    if (!(await this.has(name))) return null;
    const signingDate = new Date(Math.floor(now.getTime() / signingWindowMs) * signingWindowMs);
    return getSignedUrl(
      this.client,
      new GetObjectCommand({ Bucket: this.settings.bucket, Key: this.key(name) }),
      { expiresIn: signedForSeconds, signingDate },
    );
  }

  close(): void {
    this.client.destroy();
  }
}
