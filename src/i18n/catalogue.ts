/**
 * The one message catalogue: every word a person reads, in English and Swedish. Areas
 * (`send`, `sync`, …) are files under en/ and sv/; sv/ is typed by en/, so a key missing
 * from either fails the build, and test/unit/catalogue.test.ts checks the same at run time.
 *
 * The language is chosen once per run (cli.ts) before anything speaks; everything that
 * writes for a person asks `t()` for its words instead of building English strings.
 */
import { en } from './en/index.js';
import type { Language } from './language.js';
import { sv } from './sv/index.js';

export type Catalogue = typeof en;

const CATALOGUES: Record<Language, Catalogue> = { en, sv };

let active: { language: Language; catalogue: Catalogue } = { language: 'en', catalogue: en };

export function useLanguage(language: Language): void {
  active = { language, catalogue: CATALOGUES[language] };
}

/** The words of the language chosen for this run. */
export function t(): Catalogue {
  return active.catalogue;
}

export function currentLanguage(): Language {
  return active.language;
}

/** Both catalogues, for the completeness test. */
export function catalogues(): Record<Language, Catalogue> {
  return CATALOGUES;
}
