import type { z } from 'zod';
import { t } from '../i18n/catalogue.js';

/**
 * A zod issue as the user typed the option: `--concurrency: must be at most 64`, never the
 * schema's path (`concurrency`) or zod's own wording.
 */
export function describeOptionIssue(issue: z.core.$ZodIssue): string {
  const key = String(issue.path[0] ?? '');
  const flag = `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  return t().cli.invalidOption(flag, problemOf(issue));
}

function problemOf(issue: z.core.$ZodIssue): string {
  const words = t().cli.optionProblem;
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'int' ? words.wholeNumber : issue.expected === 'number' ? words.number : words.invalid;
    case 'too_small':
      return issue.origin === 'string' ? words.notEmpty : words.atLeast(String(issue.minimum));
    case 'too_big':
      return words.atMost(String(issue.maximum));
    case 'invalid_format':
      return words.form;
    case 'custom':
      // Our own refinements carry their words (tenant key form and the like).
      return issue.message;
    case 'invalid_value':
      return words.oneOf(issue.values.map(String).join(', '));
    default:
      return words.invalid;
  }
}
