/**
 * Checks of what a library caller passed, at the library's edge (src/index.ts). TypeScript
 * callers are checked by the compiler; JavaScript callers (and `any`) get an `invalid-argument`
 * ShebaoError naming the argument, what it should be and what kind of value came, never a raw
 * TypeError from deep inside, and never a batch that quietly does nothing.
 */
import { kindOf, ShebaoError } from './errors.js';

type Guard = (value: unknown) => boolean;

export const isString: Guard = (value) => typeof value === 'string';
export const isBoolean: Guard = (value) => typeof value === 'boolean';
export const isFunction: Guard = (value) => typeof value === 'function';
export const isObject: Guard = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
export const isBytes: Guard = (value) => value instanceof Uint8Array;

/** Throws `invalid-argument` unless `ok`. */
export function expectArgument(name: string, value: unknown, expected: string, ok: boolean): void {
  if (!ok) throw new ShebaoError('invalid-argument', { name, expected, received: kindOf(value) });
}

/** An options object: absent is allowed when `required` is false. */
export function expectOptions(name: string, value: unknown, required: boolean): asserts value is Record<string, unknown> | undefined {
  if (value === undefined && !required) return;
  expectArgument(name, value, 'an object', isObject(value));
}

/** An optional field of an options object (undefined passes). */
export function expectField(options: Record<string, unknown> | undefined, owner: string, key: string, expected: string, guard: Guard): void {
  const value = options?.[key];
  if (value !== undefined) expectArgument(`${owner}.${key}`, value, expected, guard(value));
}

/**
 * A count of threads or the like: a whole number from 1 up to `max` (NaN, 0, -1, 1.5, "2" and
 * 1e21 are refused rather than turned into no work or a runaway).
 */
export function expectCount(name: string, value: unknown, max: number): void {
  if (value === undefined) return;
  expectArgument(name, value, `a whole number from 1 to ${max}`, typeof value === 'number' && Number.isSafeInteger(value) && value >= 1 && value <= max);
}
