/** The routes without photos: health, deadlines, regions, the checklist, the rules. Quick, so they run in the server's own thread. */
import type { FastifyInstance } from 'fastify';
import { buildChecklist, renderChecklistJson, renderChecklistMarkdown } from '../checklist/index.js';
import { rulesDocument } from '../cli/rules.js';
import { version } from '../cli/version.js';
import { requireIsoDate } from '../core/dates.js';
import { ShebaoError } from '../core/errors.js';
import { schemaProblems } from '../core/rules-loader.js';
import { wording, type Lang } from '../i18n/index.js';
import { builtinSpecIds, defaultSpecId, loadSpec } from '../photo/spec.js';
import { listRegions, loadRegion, planDeadlines, renderIcs, renderPlanJson, resolveRegionId } from '../plan/index.js';
import { profileSchema, type Profile } from '../profile/profile.js';
import { attachment, langOf, sendJson } from './http.js';
import { ref } from './openapi.js';
import { addRoute, errorResponses, langParameter, todayParameter, type RouteContext } from './routes.js';

interface PlanQuery {
  newborn: string;
  region: string;
  applied?: string;
  today?: string;
  format: 'json' | 'ics';
  lang?: Lang;
}

interface ChecklistQuery {
  format: 'json' | 'markdown';
  applied?: string;
  today?: string;
  lang?: Lang;
}

interface RulesQuery {
  spec: string;
  region: string;
  lang?: Lang;
}

const regionParameter = { type: 'string', default: 'national', description: 'A region id (see GET /api/regions) or its name.' };

export function registerDataRoutes(app: FastifyInstance, context: RouteContext): void {
  addRoute(
    app,
    'GET',
    '/healthz',
    { operationId: 'health', summary: 'Whether the server is up, and its version', responses: { 200: { description: 'Up.', content: { 'application/json': { schema: ref('Health') } } } } },
    async (_request, reply) => sendJson(reply, `${JSON.stringify({ status: 'ok', version })}\n`),
  );

  addRoute<{ Querystring: PlanQuery }>(
    app,
    'GET',
    '/api/plan',
    {
      operationId: 'plan',
      summary: "A newborn's deadlines",
      description:
        'The document of `shebao plan --json`, with what to do without a command line added to the actions that need it (give the application date, check the photo); with `format=ics`, the calendar `shebao plan --ics` writes.',
      query: {
        type: 'object',
        properties: {
          newborn: { type: 'string', description: 'The birth date, YYYY-MM-DD.' },
          region: regionParameter,
          applied: { type: 'string', description: 'The day the card was applied for, YYYY-MM-DD: production and collection get dates.' },
          format: { type: 'string', enum: ['json', 'ics'], default: 'json' },
          lang: langParameter,
          today: todayParameter,
        },
        required: ['newborn'],
        additionalProperties: false,
      },
      responses: {
        200: { description: 'The plan.', content: { 'application/json': { schema: ref('Plan') }, 'text/calendar': { schema: { type: 'string' } } } },
        ...errorResponses(400),
      },
    },
    async (request, reply) => {
      const lang = langOf(request);
      const { newborn, region, applied, format } = request.query;
      const plan = planDeadlines({
        birthDate: requireIsoDate(newborn, 'newborn'),
        region: resolveRegionId(region),
        today: context.today(request.query.today),
        ...(applied === undefined ? {} : { applied: requireIsoDate(applied, 'applied') }),
      });
      if (format === 'ics') return reply.type('text/calendar; charset=utf-8').header('content-disposition', attachment(`shebao-${plan.birthDate}.ics`)).send(renderIcs(plan, lang));
      return sendJson(reply, renderPlanJson(plan, lang, wording(lang).serve.web.milestones));
    },
  );

  addRoute(
    app,
    'GET',
    '/api/regions',
    {
      operationId: 'regions',
      summary: 'The regions with rules of their own',
      description: 'The document of `shebao plan --list-regions --json`: every text in both languages.',
      responses: { 200: { description: 'The regions.', content: { 'application/json': { schema: ref('Plan/$defs/regionList') } } } },
    },
    async (_request, reply) => sendJson(reply, `${JSON.stringify(listRegions(), null, 2)}\n`),
  );

  addRoute<{ Querystring: ChecklistQuery; Body: unknown }>(
    app,
    'POST',
    '/api/checklist',
    {
      operationId: 'checklist',
      summary: "A family's personal checklist",
      description:
        'The body is a profile as `shebao profile` saves it. The answer is the document of `shebao checklist --json` (with what to do without a command line added, as for /api/plan), or its Markdown. A `photo` in the profile names a file on the client\'s machine: the server never reads files a request names, so it is left out (check the photo with POST /api/check).',
      query: {
        type: 'object',
        properties: {
          format: { type: 'string', enum: ['json', 'markdown'], default: 'json' },
          applied: { type: 'string', description: 'The day the card was applied for, YYYY-MM-DD.' },
          lang: langParameter,
          today: todayParameter,
        },
        additionalProperties: false,
      },
      requestBody: { description: 'The profile.', required: true, content: { 'application/json': { schema: ref('Profile') } } },
      responses: {
        200: { description: 'The checklist.', content: { 'application/json': { schema: ref('Checklist') }, 'text/markdown': { schema: { type: 'string' } } } },
        ...errorResponses(400, 413, 415),
      },
    },
    async (request, reply) => {
      const lang = langOf(request);
      const parsed = profileSchema.zod().safeParse(request.body);
      if (!parsed.success) throw new ShebaoError('bad-body', { problems: schemaProblems(request.body, profileSchema.zod()) });
      const { photo: _onTheClient, ...profile }: Profile = parsed.data;
      const { applied } = request.query;
      const checklist = buildChecklist(profile, { today: context.today(request.query.today), ...(applied === undefined ? {} : { applied: requireIsoDate(applied, 'applied') }) });
      if (request.query.format === 'markdown') return reply.type('text/markdown; charset=utf-8').send(renderChecklistMarkdown(checklist, lang));
      return sendJson(reply, renderChecklistJson(checklist, lang, wording(lang).serve.web));
    },
  );

  addRoute<{ Querystring: RulesQuery }>(
    app,
    'GET',
    '/api/rules',
    {
      operationId: 'rules',
      summary: 'Every photo check and deadline rule',
      description: 'The document of `shebao rules --json`.',
      query: {
        type: 'object',
        properties: {
          spec: { type: 'string', enum: builtinSpecIds(), default: defaultSpecId, description: 'The photo spec (a built-in id).' },
          region: regionParameter,
          lang: langParameter,
        },
        additionalProperties: false,
      },
      responses: { 200: { description: 'The rules.', content: { 'application/json': { schema: ref('Rules') } } }, ...errorResponses(400) },
    },
    async (request, reply) => {
      const lang = langOf(request);
      const document = rulesDocument(loadSpec(request.query.spec), loadRegion(resolveRegionId(request.query.region)), lang);
      return sendJson(reply, `${JSON.stringify(document, null, 2)}\n`);
    },
  );
}
