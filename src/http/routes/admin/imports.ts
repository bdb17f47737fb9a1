/**
 * /admin/import (admins): the upload is streamed to a file under DATA_DIR (never held in
 * memory), the import runs in the background, and the job's page shows its progress and then
 * its report.
 */
import { randomUUID, timingSafeEqual } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../../errors.js';
import type { MessageKey } from '../../../i18n/translator.js';
import { isImportFormat } from '../../../services/imports/report.js';
import type { Services } from '../../../services/index.js';
import { importJobView, importsView } from '../../../views/pages/admin/imports.js';
import { sendPage } from '../../plugins/pages.js';
import { receiveUpload, type StreamedUpload } from '../../upload-stream.js';
import type { FormPageDeps } from '../forms.js';

interface UploadBody {
  format?: string;
  file?: StreamedUpload['file'];
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export async function importPages(
  fastify: FastifyInstance,
  services: Pick<Services, 'imports'>,
  deps: FormPageDeps & { importMaxMb: number },
): Promise<void> {
  await fastify.register(async (scope) => {
    // Files a request brought that no job took over: removed before the answer goes out.
    const uploads = new WeakMap<FastifyRequest, string>();
    scope.addContentTypeParser(
      'multipart/form-data',
      async (request: FastifyRequest, payload: Readable) => {
        const dir = services.imports.uploadDir();
        await mkdir(dir, { recursive: true });
        const file = path.join(dir, `upload-${randomUUID()}.xml`);
        uploads.set(request, file);
        const upload = await receiveUpload(payload, request.headers['content-type'] ?? '', {
          path: file,
          maxBytes: deps.importMaxMb * 1_000_000,
          // The form's token comes before the file: not a byte is written without it.
          beforeFile: (fields) => {
            const token = request.viewer?.session?.csrfToken;
            const sent = fields._csrf;
            if (!token || typeof sent !== 'string' || !sameToken(sent, token)) {
              throw new AppError(
                'form_expired',
                'The form has expired. Go back, reload the page and try again.',
              );
            }
          },
        });
        return { ...upload.fields, file: upload.file } satisfies UploadBody;
      },
    );
    scope.addHook('onSend', async (request, _reply, payload) => {
      const file = uploads.get(request);
      if (file) await rm(file, { force: true });
      return payload;
    });

    const app = scope.withTypeProvider<TypeBoxTypeProvider>();

    app.get('/admin/import', { schema: { hide: true } }, async (request, reply) => {
      const [ctx, jobs] = await Promise.all([
        deps.pageContext(request),
        services.imports.recentJobs(),
      ]);
      return sendPage(request, reply, importsView(ctx, { jobs, maxMb: deps.importMaxMb }));
    });

    app.post('/admin/import', { schema: { hide: true } }, async (request, reply) => {
      const body = (request.body ?? {}) as UploadBody;
      const format = typeof body.format === 'string' ? body.format : '';
      const refuse = async (message: MessageKey, field: string) => {
        const [ctx, jobs] = await Promise.all([
          deps.pageContext(request),
          services.imports.recentJobs(),
        ]);
        const page = importsView(ctx, {
          jobs,
          maxMb: deps.importMaxMb,
          problem: { message: ctx.i18n.t(message), field },
          ...(isImportFormat(format) ? { format } : {}),
        });
        return sendPage(request, reply, page, { status: 400 });
      };
      if (!isImportFormat(format)) {
        return refuse('admin.import.kind.missing', 'format-wxr');
      }
      if (!body.file || body.file.size === 0) {
        return refuse('admin.import.file.missing', 'import-file');
      }
      const id = await services.imports.startJob({
        format,
        file: body.file.path,
        fileName: body.file.name,
        createdBy: request.viewer?.user.id ?? null,
      });
      // The job owns the file now, and removes it when it ends.
      uploads.delete(request);
      return reply.redirect(`/admin/import/${id}`, 303);
    });

    const params = Type.Object({ id: Type.String({ maxLength: 40 }) });
    app.get('/admin/import/:id', { schema: { hide: true, params } }, async (request, reply) => {
      const [ctx, job] = await Promise.all([
        deps.pageContext(request),
        services.imports.job(request.params.id),
      ]);
      return sendPage(request, reply, importJobView(ctx, job));
    });

    app.get(
      '/admin/import/:id/progress',
      { schema: { hide: true, params } },
      async (request, reply) => {
        const job = await services.imports.job(request.params.id);
        return reply
          .header('cache-control', 'no-store')
          .send({ status: job.status, bytesDone: job.bytesDone, bytesTotal: job.bytesTotal });
      },
    );
  });
}
