import type { ImportProblem, ImportWarning } from './types.js';

/** `payroll.json:14: pay_runs[0].payslips[0].net_pay: not an amount: "x"`, leaving out what is unknown. */
export function formatImportProblem(problem: ImportProblem): string {
  const where = problem.line === null ? problem.file : `${problem.file}:${problem.line}`;
  return problem.field === '' ? `${where}: ${problem.message}` : `${where}: ${problem.field}: ${problem.message}`;
}

/** `employees.csv:9: employee 1008: personnummer: missing`. */
export function formatImportWarning(warning: ImportWarning): string {
  const where = warning.line === null ? warning.file : `${warning.file}:${warning.line}`;
  return `${where}: employee ${warning.employeeNumber}: ${warning.field}: ${warning.message}`;
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

/** A value quoted for a message, cut short so one bad cell cannot flood the terminal. */
export function quoteValue(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  const short = text.length > 40 ? `${text.slice(0, 37)}...` : text;
  return JSON.stringify(short);
}
