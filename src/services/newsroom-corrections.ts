/**
 * Corrections, clarifications and updates on a published article, and retracting one: an
 * editor's notices to readers, each of which may move the article's public "Updated" time.
 */
import {
  correctionKinds,
  correctionPriorities,
  type CorrectionKind,
  type CorrectionPriority,
} from '../domain/article.js';
import type { User } from '../domain/user.js';
import { isEditor } from '../domain/workflow.js';
import { AppError, notFound, tooLong } from '../errors.js';
import { limits, type NewsroomContext } from './newsroom-context.js';

export class ArticleCorrections {
  constructor(private readonly ctx: NewsroomContext) {}

  async addCorrection(
    actor: User,
    idOrSlug: string,
    input: { kind: string; text: string; priority?: string | undefined },
  ) {
    const article = await this.ctx.article(actor, idOrSlug);
    if (!isEditor(actor.role)) {
      throw new AppError('editor_only', 'Only an editor can add a correction or update.');
    }
    if (!(correctionKinds as readonly string[]).includes(input.kind)) {
      throw new AppError(
        'invalid_correction_kind',
        '`kind` must be correction, clarification or update.',
        { field: 'kind' },
      );
    }
    const priority = input.priority ?? 'normal';
    if (!(correctionPriorities as readonly string[]).includes(priority)) {
      throw new AppError('invalid_priority', '`priority` must be high or normal.', {
        field: 'priority',
      });
    }
    const text = input.text.trim();
    if (!text) {
      throw new AppError('text_required', 'Write the text of the notice.', { field: 'text' });
    }
    if (text.length > limits.correction) {
      throw tooLong(
        'text',
        `A notice can be at most ${limits.correction} characters.`,
        limits.correction,
      );
    }
    if (article.status !== 'published' && article.status !== 'unpublished') {
      throw new AppError(
        'not_published',
        'Corrections are for published articles; edit the draft instead.',
      );
    }
    const kind = input.kind as CorrectionKind;
    const at = this.ctx.now().toISOString();
    const id = await this.ctx.store.transaction(async (tx) => {
      const id = await tx.newsroom.addCorrection({
        articleId: article.id,
        kind,
        text,
        createdAt: at,
        priority: priority as CorrectionPriority,
      });
      // An update or a correction moves the public "Updated" time; a clarification does not.
      if (kind === 'update') await tx.newsroom.markUpdated(article.id, at, text);
      if (kind === 'correction') await tx.newsroom.markUpdated(article.id, at, null);
      return id;
    });
    this.ctx.announce(article);
    const after = await this.ctx.store.reader.getById(article.id);
    const correction = after?.corrections.find((c) => c.id === id);
    if (!after || !correction) throw notFound('That article');
    await this.ctx.events.corrected?.(after, actor);
    return { article: after, correction };
  }

  async retractCorrection(actor: User, idOrSlug: string, correctionId: string, note: string) {
    const article = await this.ctx.article(actor, idOrSlug);
    if (!isEditor(actor.role)) {
      throw new AppError('editor_only', 'Only an editor can retract a correction.');
    }
    const text = note.trim();
    if (!text) {
      throw new AppError(
        'note_required',
        'Say why it is retracted: the note is shown to readers.',
        { field: 'note' },
      );
    }
    if (text.length > limits.note) {
      throw tooLong('note', `The note can be at most ${limits.note} characters.`, limits.note);
    }
    const existing = article.corrections.find((c) => c.id === correctionId);
    if (!existing) throw notFound('That correction');
    const done = await this.ctx.store.newsroom.retractCorrection({
      articleId: article.id,
      correctionId,
      at: this.ctx.now().toISOString(),
      note: text,
    });
    if (!done) throw new AppError('already_retracted', 'That correction is already retracted.');
    this.ctx.announce(article);
    const after = await this.ctx.store.reader.getById(article.id);
    const correction = after?.corrections.find((c) => c.id === correctionId);
    if (!after || !correction) throw notFound('That correction');
    return { article: after, correction };
  }
}
