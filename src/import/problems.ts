import { t } from '../i18n/catalogue.js';
import type { ImportProblem, ImportWarning } from './types.js';

/** `payroll.json:14: pay_runs[0].payslips[0].net_pay: not an amount: "x"`, leaving out what is unknown. */
export function formatImportProblem(problem: ImportProblem): string {
  const where = problem.line === null ? problem.file : `${problem.file}:${problem.line}`;
  return t().import.problemAt(where, problem.field, problem.message);
}

/** `employees.csv:9: employee 1008: personnummer: missing`. */
export function formatImportWarning(warning: ImportWarning): string {
  const where = warning.line === null ? warning.file : `${warning.file}:${warning.line}`;
  return t().import.warningAt(where, warning.employeeNumber, warning.field, warning.message);
}

/** By file, then line, keeping discovery order within a line; problems without a line first. */
export function sortProblems(problems: readonly ImportProblem[]): ImportProblem[] {
  return problems
    .map((problem, index) => ({ problem, index }))
    .sort(
      (a, b) =>
        compareText(a.problem.file, b.problem.file) ||
        (a.problem.line ?? 0) - (b.problem.line ?? 0) ||
        a.index - b.index,
    )
    .map(({ problem }) => problem);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** What kind of JSON value this is, for a message: `a list`, `an object`. */
export function typeName(value: unknown): string {
  const names = t().import.typeName;
  if (Array.isArray(value)) return names.list;
  if (value === null) return names.null;
  switch (typeof value) {
    case 'object':
      return names.object;
    case 'string':
      return names.string;
    case 'number':
      return names.number;
    case 'boolean':
      return names.boolean;
    default:
      return names.other;
  }
}

/**
 * A value quoted for a message, cut short so one bad cell cannot flood the terminal. A
 * list or an object is named by its kind: its JSON would be noise, and the line points at it.
 */
export function quoteValue(value: unknown): string {
  if (value === null || typeof value === 'object') return typeName(value);
  const text = typeof value === 'string' ? value : String(value);
  const short = text.length > 40 ? `${text.slice(0, 37)}...` : text;
  return JSON.stringify(short);
}

/** A line number for a message, or `?` when it is not known. */
export function lineText(line: number | null): string {
  return line === null ? t().import.unknownLine : String(line);
}
