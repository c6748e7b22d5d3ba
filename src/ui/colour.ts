import { Chalk, type ChalkInstance } from 'chalk';

/**
 * Colour by meaning, in one place. chalk's own detection ignores NO_COLOR, so the level is
 * decided here: off for NO_COLOR, for --json, and whenever stdout is not a terminal.
 */
export interface Palette {
  error(text: string): string;
  warn(text: string): string;
  info(text: string): string;
  success(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

export function shouldUseColour(env: NodeJS.ProcessEnv, stdoutIsTty: boolean, json: boolean): boolean {
  if (json) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return stdoutIsTty;
}

export function createPalette(enabled: boolean): Palette {
  const chalk: ChalkInstance = new Chalk({ level: enabled ? 1 : 0 });
  return {
    error: (t) => chalk.red(t),
    warn: (t) => chalk.yellow(t),
    info: (t) => chalk.cyan(t),
    success: (t) => chalk.green(t),
    dim: (t) => chalk.dim(t),
    bold: (t) => chalk.bold(t),
  };
}
