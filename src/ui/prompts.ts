import { RefusedError } from '../errors.js';
import { t } from '../i18n/catalogue.js';
import { printable } from './printable.js';
import type { Terminal } from './terminal.js';

/**
 * Every prompt goes through here. Off a terminal (or under --json) nothing is asked:
 * the question is refused with exit 4, naming the option that answers it, instead of
 * hanging a cron job. Prompts are drawn on stderr so stdout keeps only results.
 */
export interface Prompter {
  confirm(message: string, options: { default: boolean; flag: string }): Promise<boolean>;
  /** `hint` is shown beside the answer while it is typed (the wizard's tenant key check), not after. */
  input(message: string, options: { default?: string; flag: string; validate?: (value: string) => true | string; hint?: (value: string) => string | null }): Promise<string>;
  password(message: string, options: { flag: string }): Promise<string>;
  select<T extends string>(message: string, options: { choices: Array<{ value: T; name: string; description?: string }>; default?: T; flag: string }): Promise<T>;
}

export function createPrompter(terminal: Terminal, yes: boolean, signal: AbortSignal): Prompter {
  const context = { output: process.stderr, signal };
  const refuse = (message: string, flag: string): never => {
    throw new RefusedError('answer_required', t().session.prompt.needsAnswer(message), {
      suggestion: t().session.prompt.answerWith(flag),
    });
  };
  const prompts = () => import('@inquirer/prompts');
  return {
    async confirm(message, { default: fallback, flag }) {
      if (yes) return true;
      if (!terminal.canPrompt) return refuse(message, t().session.prompt.orYes(flag));
      // A text answer read in the run's language (j/ja/n/nej in Swedish), rather than
      // @inquirer's confirm, which takes only y and n and turns any other key into the default.
      const words = t().session.prompt;
      const answer = await (await prompts()).input(
        {
          message: `${printable(message)} ${fallback ? words.defaultYes : words.defaultNo}`,
          validate: (value) => (yesOrNo(value, fallback) === undefined ? words.yesOrNo : true),
          transformer: (value, { isFinal }) => (isFinal ? (yesOrNo(value, fallback) ? words.yes : words.no) : value),
        },
        context,
      );
      return yesOrNo(answer, fallback) ?? fallback;
    },
    async input(message, { default: fallback, flag, validate, hint }) {
      if (!terminal.canPrompt || yes) return refuse(message, flag);
      const transformer = (value: string, { isFinal }: { isFinal: boolean }): string => {
        const said = isFinal || !hint ? null : hint(value);
        return said === null ? value : `${value}  ${terminal.palette.dim(said)}`;
      };
      return (await prompts()).input({ message: printable(message), default: fallback, validate: validate ?? (() => true), transformer }, context);
    },
    async password(message, { flag }) {
      if (!terminal.canPrompt || yes) return refuse(message, flag);
      return (await prompts()).password({ message: printable(message), mask: '*' }, context);
    },
    async select(message, { choices, default: fallback, flag }) {
      if (!terminal.canPrompt || yes) return refuse(message, flag);
      // Choices name stored data (a company's name): shown printable, like every table cell.
      const shown = choices.map((choice) => ({ ...choice, name: printable(choice.name) }));
      const keys: Record<string, string> = t().session.prompt.keys;
      const theme = { style: { keysHelpTip: (tips: Array<[string, string]>) => terminal.palette.dim(tips.map(([key, action]) => `${key} ${keys[action] ?? action}`).join(' • ')) } };
      return (await prompts()).select({ message: printable(message), choices: shown, default: fallback, theme }, context);
    },
  };
}

/** `j`, `ja`, `yes`, … as true, `n`, `nej`, `no` as false, blank as the default; undefined for anything else. */
function yesOrNo(value: string, fallback: boolean): boolean | undefined {
  const answer = value.trim().toLowerCase();
  if (answer === '') return fallback;
  const words = t().session.prompt;
  if (words.yesWords.split(' ').includes(answer)) return true;
  if (words.noWords.split(' ').includes(answer)) return false;
  return undefined;
}
