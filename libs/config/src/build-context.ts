import type { z } from 'zod';

/** The typed values of a section's variables, as its zod shape parses them. */
export type EnvOf<Shape extends z.ZodRawShape> = z.output<z.ZodObject<Shape>>;

/** What a section's builder gets: the variables it reads, and a place to report what is wrong. */
export interface BuildContext<Env> {
  env: Env;
  isProduction: boolean;
  problem(variable: string, rule: string): void;
  /** A variable named after a registry entry, checked with `schema`; a value it refuses is a problem, read as unset. */
  read<S extends z.ZodType>(variable: string, schema: S): z.output<S>;
}
