/**
 * Schemas built on first use. zod is about 450 KB and building a schema runs code, so a command
 * that validates nothing (`shebao --version`, `shebao id`, or `shebao plan` reading the rules the
 * build validated: see rules-loader.ts) never loads it. A schema is written as a function of `z`
 * and built, with zod loaded then, the first time something is validated against it.
 */
import { createRequire } from 'node:module';
import type { z } from 'zod';

export type Zod = typeof z;

export interface LazySchema<S extends z.ZodType = z.ZodType> {
  /** Names what the file holds (`region`, `holiday-year`, `profile`…): the build lists the rules texts it validated under it. */
  readonly name: string;
  /** The zod schema, built on the first call. */
  zod(): S;
}

let zod: Zod | undefined;

/**
 * zod itself, loaded the first time a schema is built. With require, not import: the loaders that
 * validate are synchronous (rules are read deep inside synchronous code such as planDeadlines), and
 * requiring zod's CommonJS build is the one way to load it later and synchronously, from the
 * sources and from the bundle alike.
 */
export function loadZod(): Zod {
  zod ??= (createRequire(import.meta.url)('zod') as typeof import('zod')).z;
  return zod;
}

export function lazySchema<S extends z.ZodType>(name: string, build: (z: Zod) => S): LazySchema<S> {
  let built: S | undefined;
  return {
    name,
    zod: () => {
      built ??= build(loadZod());
      return built;
    },
  };
}
