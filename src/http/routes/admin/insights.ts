/** /admin/insights (editors): a day or range of counted views, and its rows as CSV. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Services } from '../../../services/index.js';
import { maxRangeDays } from '../../../services/insights-report.js';
import { insightsView } from '../../../views/pages/admin/insights.js';
import { sendPage } from '../../plugins/pages.js';
import type { FormPageDeps } from '../forms.js';

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 10 });
/** "Reading now" (decisions/0090): views of the last minutes count with open streams. */
const recentMinutes = 5;
const RangeQuery = Type.Object({ from: Type.Optional(Day), to: Type.Optional(Day) });

export function insightAdminPages(
  fastify: FastifyInstance,
  services: Pick<Services, 'insights' | 'newsletters'>,
  deps: FormPageDeps,
) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { insights } = services;
  const rangeOf = (query: { from?: string | undefined; to?: string | undefined }) => {
    const today = insights.today();
    const fromDay = query.from ?? query.to ?? today.fromDay;
    return { fromDay, toDay: query.to ?? (query.from ? fromDay : today.toDay) };
  };

  app.get(
    '/admin/insights',
    { schema: { hide: true, querystring: RangeQuery } },
    async (request, reply) => {
      const range = rangeOf(request.query);
      const [ctx, report, reading] = await Promise.all([
        deps.pageContext(request),
        insights.report(range),
        fastify.sharedLimits
          .readers()
          .then((streams) => insights.readingNow(streams, recentMinutes)),
      ]);
      const lists = await services.newsletters.lists(ctx.i18n);
      const page = insightsView(ctx, {
        report,
        ...range,
        maxDays: maxRangeDays,
        reading,
        listLabels: new Map(lists.map((l) => [l.list, l.label])),
      });
      return sendPage(request, reply, page, report ? {} : { status: 400 });
    },
  );

  const sendCsv = async (
    request: FastifyRequest,
    reply: FastifyReply,
    range: { fromDay: string; toDay: string },
    name: string,
    csv: string | null,
  ) => {
    if (csv === null) {
      const { i18n } = await deps.pageContext(request);
      return reply
        .code(400)
        .type('text/plain; charset=utf-8')
        .send(`${i18n.t('insights.range.invalid', { max: maxRangeDays })}\n`);
    }
    return reply
      .header('cache-control', 'private, no-store')
      .header(
        'content-disposition',
        `attachment; filename="${name}-${range.fromDay}-${range.toDay}.csv"`,
      )
      .type('text/csv; charset=utf-8')
      .send(csv);
  };

  app.get(
    '/admin/insights.csv',
    { schema: { hide: true, querystring: RangeQuery } },
    async (request, reply) => {
      const range = rangeOf(request.query);
      return sendCsv(request, reply, range, 'insights', await insights.csv(range));
    },
  );

  app.get(
    '/admin/insights/newsletters.csv',
    { schema: { hide: true, querystring: RangeQuery } },
    async (request, reply) => {
      const range = rangeOf(request.query);
      const csv = await insights.newslettersCsv(range);
      return sendCsv(request, reply, range, 'newsletter-clicks', csv);
    },
  );
}
