import { z } from 'zod';
import type { Context } from '../context.js';
import { UsageError, type ExitCode } from '../errors.js';
import { describeOptionIssue } from './option-problems.js';

/** What a command returns: the result `--json` prints, and how the process exits. */
export interface CommandOutcome {
  /** What `--json` prints: the same result the human rendering was made from. */
  json: unknown;
  exitCode?: ExitCode;
  /** The command wrote its own result to stdout (a CSV); print no JSON after it. */
  raw?: boolean;
}

/** A command as cli.ts runs it: options as commander parsed them, and the arguments. */
export interface Command {
  run(ctx: Context, options: Record<string, unknown>, args: string[]): Promise<CommandOutcome>;
}

/**
 * A command with its options' zod schema: the options are checked at the boundary, a
 * mistake is a usage error (exit 2) naming the option as typed, and the command's body
 * gets them typed. The schema keeps only its own options; the global ones are on the context.
 */
export function defineCommand<S extends z.ZodType>(
  options: S,
  run: (ctx: Context, options: z.output<S>, args: string[]) => Promise<CommandOutcome>,
): Command {
  return {
    run: async (ctx, raw, args) => {
      const parsed = options.safeParse(raw);
      if (!parsed.success) {
        const [first, ...rest] = parsed.error.issues.map(describeOptionIssue);
        throw new UsageError(first!, { code: 'invalid_option', details: rest });
      }
      return run(ctx, parsed.data, args);
    },
  };
}

/** For commands without options of their own. */
export const noOptions = z.object({});
