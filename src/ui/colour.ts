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

export type Colour = keyof Palette;

/**
 * Text to be shown in one of the palette's colours. Terminal messages and table cells take
 * these rather than coloured strings: they make the text printable first (ui/printable.ts)
 * and colour it afterwards, so escaping data never touches the colour codes, and data can
 * never bring colour codes of its own.
 */
export interface Painted {
  readonly colour: Colour;
  readonly text: string;
}

export function paint(colour: Colour, text: string): Painted {
  return { colour, text };
}

/** What a terminal message or a table cell holds: text, coloured text, or a run of both. */
export type Styled = string | Painted | ReadonlyArray<string | Painted>;

/** `styled` as written out: each piece of text through `escape`, coloured pieces coloured after. */
export function renderStyled(palette: Palette, styled: Styled, escape: (text: string) => string): string {
  if (typeof styled === 'string') return escape(styled);
  if (!Array.isArray(styled)) {
    const painted = styled as Painted;
    return palette[painted.colour](escape(painted.text));
  }
  return (styled as ReadonlyArray<string | Painted>).map((piece) => renderStyled(palette, piece, escape)).join('');
}
