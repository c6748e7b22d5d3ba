import { afterAll, describe, expect, test } from 'vitest';
import { createSandbox, type Sandbox } from '../helpers/cli.js';

/**
 * The language of a run and what --help says: every command's help in both languages, with
 * the global options and an example; commander's own mistakes said in the run's language.
 */
const sb: Sandbox = createSandbox();
afterAll(() => sb.cleanup());

/** Every command path, read from the help pages themselves (so a new command is covered too). */
async function commandPaths(): Promise<string[][]> {
  const found: string[][] = [];
  const walk = async (path: string[]): Promise<void> => {
    const r = await sb.run([...path, '--help']);
    expect(r.exitCode, path.join(' ')).toBe(0);
    const section = String(r.stdout).split(/\nCommands:\n/)[1]?.split(/\n\n/)[0] ?? '';
    for (const name of section.split('\n').map((line) => /^ {2}([a-z-]+)/.exec(line)?.[1]).filter((n): n is string => n !== undefined && n !== 'help')) {
      found.push([...path, name]);
      await walk([...path, name]);
    }
  };
  await walk([]);
  return found;
}

describe('--help', () => {
  test('every command, in English and Swedish, lists the global options and has an example', async () => {
    const paths = await commandPaths();
    expect(paths.length).toBeGreaterThan(14);
    for (const path of paths) {
      const english = String((await sb.run([...path, '--help'])).stdout);
      expect(english, path.join(' ')).toContain('Global options (any command):');
      expect(english, path.join(' ')).toMatch(/--lang <en\|sv>/);
      expect(english, path.join(' ')).toMatch(/Examples:\n {2}\$ payslips /);
      const swedish = await sb.run([...path, '--help'], { env: { PAYSLIPS_LANG: 'sv' } });
      const text = String(swedish.stdout);
      expect(text, path.join(' ')).toContain('Globala flaggor (alla kommandon):');
      expect(text, path.join(' ')).toMatch(/Exempel:\n {2}\$ payslips /);
      expect(text, path.join(' ')).toMatch(/^Användning: payslips/);
      // No English section title or commander note is left in the Swedish page.
      for (const english of ['Usage:', 'Options:', 'Commands:', 'Arguments:', 'Examples:', 'display help', '(default:', '(choices:', '[options]']) {
        expect(text, `${path.join(' ')}: ${english}`).not.toContain(english);
      }
    }
  });

  test('the Swedish words a Flex or Visma user knows are on the pages', async () => {
    // Help wraps at the terminal width: compare the words, not the line breaks.
    const words = (text: unknown): string => String(text).replace(/\s+/g, ' ');
    const activate = words((await sb.run(['activate', '--help', '--lang', 'sv'])).stdout);
    expect(activate).toContain('avsändaridentitet');
    expect(activate).toContain('retroaktiv leverans');
    expect(activate).toContain('printhantering: en PDF som arbetsgivaren skriver ut och postar');
    const send = words((await sb.run(['send', '--help', '--lang', 'sv'])).stdout);
    expect(send).toContain('utbetalningsdag');
  });
});

describe('the language of a run', () => {
  const unknownOption = ['send', '--date', '2025-11-25', '--concurency', '4'];

  test('LANG=sv_SE.UTF-8 speaks Swedish; --lang en and PAYSLIPS_LANG=en override it', async () => {
    const swedish = await sb.run(unknownOption, { env: { LANG: 'sv_SE.UTF-8' } });
    expect(swedish.exitCode).toBe(2);
    expect(String(swedish.stderr)).toContain('fel: okänd flagga --concurency (menade du --concurrency?)');
    expect(String(swedish.stderr)).toContain('(kör med --help för hjälp)');
    for (const [args, env] of [[['--lang', 'en'], { LANG: 'sv_SE.UTF-8' }], [[], { LANG: 'sv_SE.UTF-8', PAYSLIPS_LANG: 'en' }]] as const) {
      const english = await sb.run([...args, ...unknownOption], { env });
      expect(String(english.stderr)).toContain("error: unknown option --concurency (did you mean --concurrency?)");
    }
  });

  test('commander mistakes and option problems in Swedish, also in --json, with exit 2', async () => {
    const choice = await sb.run(['activate', '--licence', 'kanske', '--lang', 'sv']);
    expect(choice.exitCode).toBe(2);
    expect(String(choice.stderr)).toContain('fel: flaggan --licence <on|off>: "kanske" är inte en av on, off');
    const json = await sb.run(['send', '--lang', 'sv', '--json']);
    expect(json.exitCode).toBe(2);
    expect(sb.json(json)).toEqual({ error: { code: 'usage', message: 'flaggan --date <date> måste anges' } });
    // Our own option checks name the option as typed, never zod's path or wording.
    const concurrency = await sb.run(['send', '--date', '2025-11-25', '--concurrency', '0', '--lang', 'sv', '--json']);
    expect(concurrency.exitCode).toBe(2);
    expect(sb.json(concurrency).error).toMatchObject({ code: 'invalid_option', message: '--concurrency: måste vara minst 1' });
    const english = await sb.run(['send', '--date', '2025-11-25', '--concurrency', 'many']);
    expect(String(english.stderr)).toContain('error: --concurrency: must be a number');
    expect(String(english.stderr)).not.toMatch(/✖|→|at concurrency|expected number/);
  });

  test('a language payslips does not speak is refused with exit 2, before anything is done', async () => {
    const r = await sb.run(['sync', '--from', 'nowhere.json', '--lang', 'de', '--json']);
    expect(r.exitCode).toBe(2);
    expect(sb.json(r).error).toEqual({ code: 'invalid_language', message: '--lang / PAYSLIPS_LANG: "de" is not a language payslips speaks.', suggestion: 'Use en (English) or sv (svenska).' });
    const env = await sb.run(['log'], { env: { PAYSLIPS_LANG: 'fi' } });
    expect(env.exitCode).toBe(2);
    expect(String(env.stderr)).toContain('"fi" is not a language payslips speaks');
  });
});
