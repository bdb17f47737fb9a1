import type { Kysely } from 'kysely';
import type { MigrationContext } from './context.js';

/**
 * Uploaded images: one row per upload with its text (alt, caption, credit) and the list of files
 * made from it (JSON: the variants are always read and written together, never queried by their
 * parts). The files themselves live in the image storage (DATA_DIR/images), named by the hash
 * of their bytes. An article may have one main image.
 */
export async function up(db: Kysely<unknown>, { timestamp }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('images')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('original_name', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('alt', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('decorative', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('caption', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('credit', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('variants', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('images_created')
    .on('images')
    .columns(['created_at', 'id'])
    .execute();
  await db.schema
    .alterTable('articles')
    .addColumn('main_image_id', 'text', (c) => c.references('images.id').onDelete('set null'))
    .execute();
  // Which articles show an image (its metadata changed: their pages must be redrawn).
  await db.schema
    .createIndex('articles_main_image')
    .on('articles')
    .column('main_image_id')
    .execute();
}
