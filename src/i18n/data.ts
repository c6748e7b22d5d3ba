/**
 * The words for what is wrong with a value from outside: the domain says which problem
 * (domain/text.ts, personnummer.ts, orgnumber.ts, decimal.ts), this says it in the run's
 * language. Every command that checks such a value calls these, so a name refused by
 * `users add` reads as one refused by `sync`.
 */
import type { DecimalProblem } from '../domain/decimal.js';
import type { OrgNumberFailure } from '../domain/orgnumber.js';
import type { PersonnummerFailure } from '../domain/personnummer.js';
import { hiddenCharacterKind, hiddenCharacterLabel, type TextProblem } from '../domain/text.js';
import { t } from './catalogue.js';

/** `a control character (U+001B ESC)`, `a line break (U+000A LF)`. */
export function hiddenCharacterText(code: number): string {
  return t().data.text.hidden[hiddenCharacterKind(code)](hiddenCharacterLabel(code));
}

/** `201 characters; at most 200 are accepted`, `contains a control character (U+0007 BEL)`. */
export function textProblemText(problem: TextProblem): string {
  const words = t().data.text;
  return problem.kind === 'length' ? words.tooLong(String(problem.length), String(problem.maxLength)) : words.contains(hiddenCharacterText(problem.character));
}

export function personnummerProblemText(reason: PersonnummerFailure): string {
  return t().data.personnummer[reason];
}

export function orgNumberProblemText(reason: OrgNumberFailure): string {
  return t().data.orgNumber[reason];
}

/** Everything wrong with an amount or a number, at once: `currency signs …; thousands separators …`. */
export function decimalProblemText(problems: readonly DecimalProblem[]): string {
  const words = t().data.decimal;
  return t().data.problems(
    problems.map((problem) => {
      switch (problem.reason) {
        case 'too_many_decimals':
          return words.too_many_decimals(problem.maxDecimals);
        case 'out_of_range':
          return words.out_of_range(problem.maxIntegerDigits);
        default:
          return words[problem.reason];
      }
    }),
  );
}
