import { Help, type Command, type HelpConfiguration, type Option } from 'commander';
import { t } from '../i18n/catalogue.js';

/**
 * `--help` and commander's own mistakes in the run's language. Commander writes its
 * section titles, the notes after an option and its error messages in English; these
 * hooks say them again from the catalogue.
 */
export function helpConfiguration(): HelpConfiguration {
  const h = t().help;
  const titles: Record<string, string> = {
    'Usage:': h.titles.usage,
    'Options:': h.titles.options,
    'Global Options:': h.titles.globalOptions,
    'Commands:': h.titles.commands,
    'Arguments:': h.titles.arguments,
  };
  const placeholders = (text: string): string => text.replace('[options]', h.usage.options).replace('[command]', h.usage.command);
  return {
    // Every subcommand's help lists the global options too: --db, --company, --json, --lang
    // are what a cron line needs, and they are easy to miss on the top-level page only.
    showGlobalOptions: true,
    styleTitle: (title) => titles[title] ?? title,
    styleUsage: placeholders,
    subcommandTerm(this: Help, command: Command) {
      return placeholders(Help.prototype.subcommandTerm.call(this, command));
    },
    optionDescription: (option: Option) => {
      const notes: string[] = [];
      if (option.argChoices) notes.push(h.extra.choices(option.argChoices.join(', ')));
      // A --no-* option defaults to true: saying so would only confuse.
      if (option.defaultValue !== undefined && !option.negate) notes.push(h.extra.default(String(option.defaultValue)));
      return notes.length === 0 ? option.description : `${option.description} (${notes.join('; ')})`;
    },
  };
}

/** Examples after the options: each command line, then what it does. */
export function withExamples(command: Command, examples: ReadonlyArray<readonly [string, string]>, after?: string): Command {
  command.addHelpText('after', () => {
    const lines = examples.flatMap(([line, purpose]) => [`  $ ${line}`, `      ${purpose}`]);
    return ['', t().help.titles.examples, ...lines, ...(after ? ['', after] : [])].join('\n');
  });
  return command;
}

/**
 * One of commander's error messages (`error: unknown option '--dte'`) in the run's
 * language. A message this does not know is passed on as commander wrote it.
 */
export function commanderMessage(text: string): string {
  const e = t().help.errors;
  const body = text.replace(/^error: /, '').replace(/\n$/, '');
  const suggestion = (hint: string | undefined): string => {
    if (!hint) return '';
    const match = /^\n\(Did you mean (?:one of )?(.+)\?\)$/.exec(hint);
    return match ? e.didYouMean(match[1]!) : '';
  };
  const rules: Array<[RegExp, (m: RegExpExecArray) => string]> = [
    [/^unknown option '(.+?)'(\n\(Did you mean .+\))?$/s, (m) => e.unknownOption(m[1]!, suggestion(m[2]))],
    [/^unknown command '(.+?)'(\n\(Did you mean .+\))?$/s, (m) => e.unknownCommand(m[1]!, suggestion(m[2]))],
    [/^missing required argument '(.+)'$/, (m) => e.missingArgument(m[1]!)],
    [/^option '(.+)' argument missing$/, (m) => e.optionMissingArgument(m[1]!)],
    [/^required option '(.+)' not specified$/, (m) => e.missingMandatoryOption(m[1]!)],
    [/^option '(.+)' argument '(.*)' is invalid\. Allowed choices are (.+)\.$/s, (m) => e.invalidChoice(m[1]!, m[2]!, m[3]!)],
    [/^too many arguments(?: for '(.+)')?\. Expected (\d+) arguments? but got (\d+)\.$/, (m) => e.excessArguments(m[1] ?? 'payslips', Number(m[2]), Number(m[3]))],
  ];
  for (const [pattern, say] of rules) {
    const match = pattern.exec(body);
    if (match) return `${t().cli.errorPrefix} ${say(match)}\n`;
  }
  return text;
}
