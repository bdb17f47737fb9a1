/**
 * The newsroom pages under /admin/articles: the list, the editor, and the buttons under it
 * (workflow, corrections, comment settings, images, revisions, deletion), one file a job. Plain forms
 * throughout; the service has every rule.
 */
import type { FastifyInstance } from 'fastify';
import { newsroomRoles } from '../../../domain/workflow.js';
import type { Services } from '../../../services/index.js';
import { requireRole } from '../../plugins/auth.js';
import type { FormPageDeps } from '../forms.js';
import { articleCommentSettings } from './article-comment-settings.js';
import { articleCorrectionActions } from './article-corrections.js';
import { articleEditorPages } from './article-editor.js';
import { articleEditor } from './article-editor-page.js';
import { articleImagePages } from './article-images.js';
import { articleListPage } from './article-list.js';
import { articleRevisionPages } from './article-revisions.js';
import { articleWorkflowActions } from './article-workflow.js';
import { articleDeletionPages } from './article-deletion.js';
import { liveDeskPages } from './live.js';

export function articleAdminPages(
  fastify: FastifyInstance,
  services: Pick<
    Services,
    | 'newsroom'
    | 'reading'
    | 'images'
    | 'commentSettings'
    | 'search'
    | 'site'
    | 'newsletterDesk'
    | 'live'
    | 'insights'
  >,
  deps: FormPageDeps,
) {
  const editor = articleEditor(services, deps);
  articleListPage(fastify, services, deps);
  articleEditorPages(fastify, services, editor);
  articleWorkflowActions(fastify, services, editor);
  articleCommentSettings(fastify, services, editor);
  articleCorrectionActions(fastify, services, editor);
  // The image forms, in a scope of their own: only it reads multipart bodies.
  void fastify.register(async (images) => articleImagePages(images, services, editor.act));
  articleRevisionPages(fastify, services, deps, editor);
  articleDeletionPages(fastify, services, deps);
  liveDeskPages(fastify, services, deps);
}

/** Registers the newsroom pages in their own scope: authors, editors and admins only. */
export async function newsroomPages(
  staff: FastifyInstance,
  services: Pick<
    Services,
    | 'newsroom'
    | 'reading'
    | 'images'
    | 'commentSettings'
    | 'search'
    | 'site'
    | 'newsletterDesk'
    | 'live'
    | 'insights'
  >,
  deps: FormPageDeps,
): Promise<void> {
  await staff.register(async (newsroomScope) => {
    newsroomScope.addHook('onRequest', requireRole(newsroomRoles));
    articleAdminPages(newsroomScope, services, deps);
  });
}
