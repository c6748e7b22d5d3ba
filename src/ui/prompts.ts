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
  input(message: string, options: { default?: string; flag: string; validate?: (value: string) => true | string }): Promise<string>;
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
      return (await prompts()).confirm({ message: printable(message), default: fallback }, context);
    },
    async input(message, { default: fallback, flag, validate }) {
      if (!terminal.canPrompt || yes) return refuse(message, flag);
      return (await prompts()).input({ message: printable(message), default: fallback, validate: validate ?? (() => true) }, context);
    },
    async password(message, { flag }) {
      if (!terminal.canPrompt || yes) return refuse(message, flag);
      return (await prompts()).password({ message: printable(message), mask: '*' }, context);
    },
    async select(message, { choices, default: fallback, flag }) {
      if (!terminal.canPrompt || yes) return refuse(message, flag);
      // Choices name stored data (a company's name): shown printable, like every table cell.
      const shown = choices.map((choice) => ({ ...choice, name: printable(choice.name) }));
      return (await prompts()).select({ message: printable(message), choices: shown, default: fallback }, context);
    },
  };
}
