/** The published JSON Schemas (schema/*.json), loaded together so they can refer to each other. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';

const dir = new URL('../../schema/', import.meta.url).pathname;
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
for (const name of readdirSync(dir).filter((file) => file.endsWith('.json'))) ajv.addSchema(JSON.parse(readFileSync(path.join(dir, name), 'utf8')), name);

/** The validator of one published document, e.g. `schema('plan')` for schema/plan.json. */
export function schema(name: string): ValidateFunction {
  const validate = ajv.getSchema(`${name}.json`);
  if (!validate) throw new Error(`no schema/${name}.json`);
  return validate;
}

/** Assertion-friendly: the errors of a document, or an empty list. */
export function schemaErrors(name: string, document: unknown): string[] {
  const validate = schema(name);
  return validate(document) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message} ${JSON.stringify(error.params)}`);
}
