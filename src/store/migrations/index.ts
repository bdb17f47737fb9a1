/**
 * Migrations, in order. Each later feature adds a file here. The same migrations run on both
 * databases; the context carries the few type names that differ.
 */
import type { Kysely, Migration, MigrationProvider } from 'kysely';
import { Migrator } from 'kysely';
import type { StoreDialect } from '../dialect.js';
import type { MigrationContext } from './context.js';
import * as initial from './0001_initial.js';
import * as accounts from './0002_accounts.js';
import * as comments from './0003_comments.js';
import * as commentFeatures from './0004_comment_features.js';
import * as live from './0005_live.js';
import * as search from './0006_search.js';
import * as newsroom from './0008_newsroom.js';
import * as moderation from './0009_moderation.js';
import * as featuredIndex from './0010_featured_index.js';
import * as imports from './0012_imports.js';
import * as images from './0013_images.js';
import * as newsroomReturns from './0014_newsroom_returns.js';
import * as commentAuthorStatus from './0015_comment_author_status.js';
import * as sectionManagement from './0016_section_management.js';
import * as pages from './0017_pages.js';
import * as front from './0018_front.js';
import * as staff from './0019_staff.js';
import * as deletedDrafts from './0020_deleted_drafts.js';
import * as demoRows from './0021_demo_rows.js';
import * as limitEvents from './0025_limit_events.js';
import * as moderationDigests from './0026_moderation_digests.js';
import * as renderedBodies from './0027_rendered_bodies.js';
import * as sanctionRemovals from './0024_sanction_removals.js';
import * as sharedLimits from './0028_shared_limits.js';
import * as webhooks from './0030_webhooks.js';
import * as newsletters from './0029_newsletters.js';
import * as newsletterConsent from './0035_newsletter_consent.js';
import * as liveCoverage from './0031_live_coverage.js';
import * as passkeys from './0032_passkeys.js';
import * as ssoAndEmailLinks from './0033_sso_and_email_links.js';
import * as audienceInsights from './0034_audience_insights.js';
import * as commentCountInStamp from './0038_comment_count_in_stamp.js';
import * as streamLeaseArticles from './0039_stream_lease_articles.js';
import * as livePresence from './0041_live_presence.js';

interface MigrationModule {
  up(db: Kysely<unknown>, context: MigrationContext): Promise<void>;
  down?(db: Kysely<unknown>, context: MigrationContext): Promise<void>;
}

const modules: Record<string, MigrationModule> = {
  '0001_initial': initial,
  '0002_accounts': accounts,
  '0003_comments': comments,
  '0004_comment_features': commentFeatures,
  '0005_live': live,
  '0006_search': search,
  '0008_newsroom': newsroom,
  '0009_moderation': moderation,
  '0010_featured_index': featuredIndex,
  '0012_imports': imports,
  '0013_images': images,
  '0014_newsroom_returns': newsroomReturns,
  '0015_comment_author_status': commentAuthorStatus,
  '0016_section_management': sectionManagement,
  '0017_pages': pages,
  '0018_front': front,
  '0019_staff': staff,
  '0020_deleted_drafts': deletedDrafts,
  '0021_demo_rows': demoRows,
  '0025_limit_events': limitEvents,
  '0026_moderation_digests': moderationDigests,
  '0027_rendered_bodies': renderedBodies,
  '0024_sanction_removals': sanctionRemovals,
  '0028_shared_limits': sharedLimits,
  '0030_webhooks': webhooks,
  '0029_newsletters': newsletters,
  '0035_newsletter_consent': newsletterConsent,
  '0031_live_coverage': liveCoverage,
  '0032_passkeys': passkeys,
  '0033_sso_and_email_links': ssoAndEmailLinks,
  '0034_audience_insights': audienceInsights,
  '0038_comment_count_in_stamp': commentCountInStamp,
  '0039_stream_lease_articles': streamLeaseArticles,
  '0041_live_presence': livePresence,
};

class ListedMigrations implements MigrationProvider {
  constructor(private readonly context: MigrationContext) {}
  getMigrations(): Promise<Record<string, Migration>> {
    const migrations: Record<string, Migration> = {};
    for (const [name, module] of Object.entries(modules)) {
      const { down } = module;
      migrations[name] = {
        up: (db) => module.up(db, this.context),
        ...(down ? { down: (db: Kysely<unknown>) => down(db, this.context) } : {}),
      };
    }
    return Promise.resolve(migrations);
  }
}

/** Brings the schema up to date; returns the names of the migrations it applied. */
export async function migrateToLatest(
  db: Kysely<unknown>,
  dialect: StoreDialect,
): Promise<string[]> {
  const schema = await dialect.migrationSchema(db);
  const migrator = new Migrator({
    db,
    ...(schema ? { migrationTableSchema: schema } : {}),
    // Numbers are handed out to features built side by side, which land in any order: a
    // database that already ran 0014 still runs 0013 when it arrives, instead of refusing.
    allowUnorderedMigrations: true,
    provider: new ListedMigrations({
      timestamp: dialect.timestampType,
      byDialect: (variants) => variants[dialect.id],
    }),
  });
  let { error, results } = await migrator.migrateToLatest();
  // Kysely's check for its own tables reads the catalogue of every schema; a schema dropped by
  // another connection at that moment can fail the read (tests drop theirs in parallel). Nothing
  // has run yet then, so reading again is safe.
  for (let retry = 0; retry < 3 && error && !results?.length && isCatalogueRace(error); retry++) {
    ({ error, results } = await migrator.migrateToLatest());
  }
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    // Before any migration ran (e.g. the database cannot be reached) the error speaks for itself.
    if (!failed) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`migration ${failed.migrationName} failed: ${reason}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** PostgreSQL errors a concurrent DROP SCHEMA can cause in a catalogue read. */
function isCatalogueRace(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === '42703' || code === '42P01' || code === '3F000' || code === 'XX000';
}
