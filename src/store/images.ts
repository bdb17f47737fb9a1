/** Image records: the text people write about an upload and the files made from it. */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Image, ImageVariant, UploadFormat } from '../domain/image.js';
import type { Database, ImagesTable } from './schema.js';
import type { ImageDetails } from '../domain/image.js';
import type { ImageStore } from './ports/images.js';
import { prepared } from './compiled.js';

const mainImagesQuery = prepared((db, _: '', articleIds: readonly string[]) =>
  db
    .selectFrom('articles as a')
    .innerJoin('images as i', 'i.id', 'a.main_image_id')
    .selectAll('i')
    .select('a.id as article_id')
    .where('a.id', 'in', articleIds),
);

export function toImage(row: Selectable<ImagesTable>): Image {
  return {
    id: row.id,
    originalName: row.original_name,
    format: row.format as UploadFormat,
    width: Number(row.width),
    height: Number(row.height),
    alt: row.alt,
    decorative: Number(row.decorative) === 1,
    caption: row.caption,
    credit: row.credit,
    variants: JSON.parse(row.variants) as ImageVariant[],
    uploadedBy: row.uploaded_by,
    createdAt: row.created_at,
  };
}

/** The main images of these articles, by article id (articles without one are left out). */
export async function mainImagesOf(
  db: Kysely<Database>,
  articleIds: readonly string[],
): Promise<Map<string, Image>> {
  const found = new Map<string, Image>();
  if (articleIds.length === 0) return found;
  const rows = await mainImagesQuery.all(db, '', articleIds);
  for (const { article_id, ...row } of rows) found.set(article_id, toImage(row));
  return found;
}

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
}

export class KyselyImageStore implements ImageStore {
  constructor(private readonly db: Kysely<Database>) {}

  async create(image: Image) {
    await this.db
      .insertInto('images')
      .values({
        id: image.id,
        original_name: image.originalName,
        format: image.format,
        width: image.width,
        height: image.height,
        alt: image.alt,
        decorative: image.decorative ? 1 : 0,
        caption: image.caption,
        credit: image.credit,
        variants: JSON.stringify(image.variants),
        uploaded_by: image.uploadedBy,
        created_at: image.createdAt,
      })
      .execute();
  }

  async byId(id: string) {
    const row = await this.db
      .selectFrom('images')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toImage(row) : null;
  }

  async byIds(ids: readonly string[]) {
    if (ids.length === 0) return [];
    const rows = await this.db.selectFrom('images').selectAll().where('id', 'in', ids).execute();
    return rows.map(toImage);
  }

  async recent(limit: number) {
    const rows = await this.db
      .selectFrom('images')
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toImage);
  }

  async updateDetails(id: string, details: ImageDetails) {
    const result = await this.db
      .updateTable('images')
      .set({
        alt: details.alt,
        decorative: details.decorative ? 1 : 0,
        caption: details.caption,
        credit: details.credit,
      })
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0 ? this.byId(id) : null;
  }

  async setMainImage(articleId: string, imageId: string | null) {
    const result = await this.db
      .updateTable('articles')
      .set({ main_image_id: imageId })
      .where('id', '=', articleId)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async articlesUsing(imageId: string) {
    // A body places an image with a line [[image:ID]]; ids are lower-case letters and digits.
    // A live article shows it also when one of its updates places it.
    const placed = likePattern(`[[image:${imageId}]]`);
    const rows = await this.db
      .selectFrom('articles')
      .select('id')
      .where((eb) =>
        eb.or([eb('main_image_id', '=', imageId), sql<boolean>`body like ${placed} escape '\\'`]),
      )
      .union(
        this.db
          .selectFrom('live_updates')
          .select('article_id as id')
          .where(sql<boolean>`body like ${placed} escape '\\'`),
      )
      .execute();
    return rows.map((r) => r.id);
  }
}
