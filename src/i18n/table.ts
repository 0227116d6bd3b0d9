/** Shapes shared by every language's tables. */

/** What a person reads about an error: what went wrong, and what to do next. */
export interface Said {
  message: string;
  hint?: string;
}

/** One sentence-maker per error code, from the details the error carries. */
export type ErrorTable<Details> = { [Code in keyof Details]-?: (details: Details[Code]) => Said };
