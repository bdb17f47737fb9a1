/**
 * The route table against the section slugs: every first path segment the app routes is a word
 * no section may take, or a section could be created that no reader can reach.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isSlug, reservedSectionSlugs } from '../src/domain/slug.js';
import { openSqliteStore, type OpenedStore } from './helpers/databases.js';
import { startApp, type RunningApp } from './helpers/app.js';

/** The reader routes that are sections and their articles: `/:section…`. */
const sectionRoute = /^\/:section(?:\/|$)/;

describe('the route table and section slugs', () => {
  let db: OpenedStore;
  let app: RunningApp;
  before(async () => {
    db = await openSqliteStore();
    app = await startApp(db);
  });
  after(async () => {
    await app?.close();
    await db?.dispose();
  });

  test('every first path segment of a route is reserved, except the section routes', () => {
    const firstSegments = new Set<string>();
    let sectionRoutes = 0;
    for (const { url } of app.routes) {
      if (sectionRoute.test(url)) {
        sectionRoutes++;
        continue;
      }
      const first = url.split('/')[1] ?? '';
      // `/` itself, and any other parameter in first place, would shadow every section.
      assert.ok(first !== '' || url === '/', `a route with an empty first segment: ${url}`);
      assert.ok(!first.startsWith(':') && first !== '*', `a parameter before sections: ${url}`);
      if (first !== '') firstSegments.add(first);
    }
    assert.ok(sectionRoutes > 0, 'the section routes were found (/:section…)');
    // A segment no slug can spell (`sitemap-:part.xml` has a dot) cannot meet a section.
    const sectionCouldBe = (segment: string) => isSlug(segment.replace(/:\w+/g, 'x'));
    const unreserved = [...firstSegments]
      .filter((s) => sectionCouldBe(s) && !reservedSectionSlugs.has(s))
      .sort();
    assert.deepEqual(unreserved, [], 'route words a section could take');
  });
});
