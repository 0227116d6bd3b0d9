/**
 * The OpenAPI 3.1 document of the HTTP API, made from the routes themselves: each route is
 * registered with its description (`doc`), whose query schema is also what fastify validates the
 * query with, and whose response schemas are the published schema/*.json, the same files the
 * CLI's --json output is checked against. So the document, the validation and the responses
 * cannot drift apart.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadZod } from '../core/schema.js';
import { profileSchema } from '../profile/profile.js';

type Schema = Record<string, unknown>;

/** A media type's schema. */
export type Content = Record<string, { schema: Schema }>;

export interface RouteDoc {
  operationId: string;
  summary: string;
  description?: string;
  /** The query string's JSON Schema (an object of named parameters), used for validation too. */
  query?: { type: 'object'; properties: Record<string, Schema & { description?: string }>; required?: string[]; additionalProperties: false };
  /** Path parameters (the `*` of a wildcard route is `path`). */
  pathParameters?: Record<string, string>;
  requestBody?: { description: string; required: boolean; content: Content };
  responses: Record<string, { description: string; content?: Content; headers?: Record<string, { description: string; schema: Schema }> }>;
}

export interface DocumentedRoute {
  method: string;
  url: string;
  doc: RouteDoc;
}

const schemaDir = fileURLToPath(new URL('../../schema/', import.meta.url));

/** A published schema's name in components: `check-photo.json` → `CheckPhoto`. */
export function componentName(file: string): string {
  return path.basename(file, '.json').replace(/(^|-)(\w)/g, (_whole, _dash: string, letter: string) => letter.toUpperCase());
}

/** A reference to a component schema. */
export function ref(name: string): Schema {
  return { $ref: `#/components/schemas/${name}` };
}

/**
 * schema/*.json as component schemas: their `$id` and `$schema` dropped (the document's dialect is
 * JSON Schema 2020-12 already) and their references, inside a file (`#/$defs/x`) or to another one
 * (`plan.json#/$defs/date`), pointed into components.
 */
function publishedSchemas(): Record<string, Schema> {
  const schemas: Record<string, Schema> = {};
  for (const file of readdirSync(schemaDir).filter((name) => name.endsWith('.json'))) {
    const { $id: _id, $schema: _dialect, ...schema } = JSON.parse(readFileSync(path.join(schemaDir, file), 'utf8')) as Schema;
    const own = componentName(file);
    schemas[own] = JSON.parse(JSON.stringify(schema), (key, value: unknown) => {
      if (key !== '$ref' || typeof value !== 'string') return value;
      const [target = '', pointer = ''] = value.split('#');
      return `#/components/schemas/${target === '' ? own : componentName(target)}${pointer}`;
    }) as Schema;
  }
  return schemas;
}

/** Every error body: a stable code, and words in the request's language. */
export const errorSchema: Schema = {
  type: 'object',
  required: ['error'],
  additionalProperties: false,
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      additionalProperties: false,
      properties: {
        code: { type: 'string', pattern: '^[a-z]+(-[a-z]+)*$', description: 'Stable kebab-case code (scripts match on it).' },
        message: { type: 'string', description: 'What went wrong, in the language of the request.' },
        hint: { type: 'string', description: 'What to do next, in the language of the request.' },
      },
    },
  },
};

export const healthSchema: Schema = {
  type: 'object',
  required: ['status', 'version'],
  additionalProperties: false,
  properties: { status: { const: 'ok' }, version: { type: 'string' } },
};

/** The profile a checklist is made from: the shape `shebao profile` saves, from its zod schema. */
function profileBodySchema(): Schema {
  const { $schema: _dialect, ...schema } = loadZod().toJSONSchema(profileSchema.zod(), { io: 'input' }) as Schema;
  return schema;
}

export function openApiDocument(routes: readonly DocumentedRoute[], version: string): Schema {
  const paths: Record<string, Record<string, Schema>> = {};
  for (const { method, url, doc } of routes) {
    const parameters = [
      ...Object.entries(doc.pathParameters ?? {}).map(([name, description]) => ({ name, in: 'path', required: true, description, schema: { type: 'string' } })),
      ...Object.entries(doc.query?.properties ?? {}).map(([name, { description, ...schema }]) => ({
        name,
        in: 'query',
        required: doc.query?.required?.includes(name) ?? false,
        ...(description ? { description } : {}),
        schema,
      })),
    ];
    const operation = {
      operationId: doc.operationId,
      summary: doc.summary,
      ...(doc.description ? { description: doc.description } : {}),
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(doc.requestBody ? { requestBody: doc.requestBody } : {}),
      responses: doc.responses,
    };
    (paths[url.replace(/\*$/, '{path}')] ??= {})[method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'shebao',
      version,
      description:
        'Check and fix ID photos for the social security card, plan the deadlines of a newborn\'s medical insurance, and make the personal checklist. The JSON bodies are the documents of the CLI\'s --json (schema/*.json). Every body with words follows `lang` (or Accept-Language). Photos are processed in memory and never stored.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    paths,
    components: { schemas: { ...publishedSchemas(), Error: errorSchema, Health: healthSchema, Profile: profileBodySchema() } },
  };
}
