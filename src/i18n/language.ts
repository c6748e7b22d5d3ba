/**
 * Which language human output speaks. Scripts get the same `--json` keys, option names and
 * exit codes in either; only what a person reads changes.
 */
export const LANGUAGES = ['en', 'sv'] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}

/**
 * `--lang`, then `PAYSLIPS_LANG`, then the locale the shell says (POSIX order: `LC_ALL`,
 * `LC_MESSAGES`, `LANG`): Swedish when it is `sv` or `sv_SE.UTF-8` and the like, English
 * otherwise. An unknown `--lang` or `PAYSLIPS_LANG` is the caller's to refuse; an unknown
 * locale (`C`, `de_DE`) is simply not Swedish.
 */
export function chooseLanguage(flag: string | undefined, env: NodeJS.ProcessEnv): Language {
  const explicit = flag ?? nonEmpty(env.PAYSLIPS_LANG);
  if (explicit !== undefined) return isLanguage(explicit.toLowerCase()) ? (explicit.toLowerCase() as Language) : 'en';
  const locale = nonEmpty(env.LC_ALL) ?? nonEmpty(env.LC_MESSAGES) ?? nonEmpty(env.LANG) ?? '';
  return /^sv(?:[_.@-]|$)/i.test(locale) ? 'sv' : 'en';
}

/** The explicit choice, when it is not one we speak: `--lang de` is a usage error. */
export function unknownLanguage(flag: string | undefined, env: NodeJS.ProcessEnv): string | null {
  const explicit = flag ?? nonEmpty(env.PAYSLIPS_LANG);
  return explicit !== undefined && !isLanguage(explicit.toLowerCase()) ? explicit : null;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
