import type { ImportedCompany, ImportedPayRunHeader, ImportedPayslip } from '../domain/payroll-export.js';
import { t } from '../i18n/catalogue.js';
import { missing } from './fields.js';
import { JsonStream, JsonSyntaxError } from './json-stream.js';
import type { ContainerKind, JsonStreamHandler } from './json-stream.js';
import { parseJsonWithLines } from './json-with-lines.js';
import type { JsonPath } from './json-with-lines.js';
import { formatJsonPath } from './locator.js';
import type { Location, Locator } from './locator.js';
import type { ExportSink, RecordSink } from './payroll-source.js';
import { sortProblems } from './problems.js';
import type { ImportProblem, ImportWarning } from './types.js';
import { readUtf8Chunks } from './utf8-file.js';
import { ExportChecker } from './validate.js';

/**
 * A payroll.json export (docs/import-format.md) read as a stream: each employee and each payslip is
 * checked, normalised and handed to a sink as soon as it closes, so memory stays flat
 * however large the file. Problems and warnings carry the file's line numbers, found by
 * parsing a record's text again with line tracking only when one of its values is
 * reported (rare), instead of recording a line for every value.
 */

export interface JsonExportOptions {
  /** The day of the import; 10-digit personnummer are placed in a century relative to it. */
  referenceDate: string;
  /** Bytes read at a time (tests make it tiny to put chunk boundaries everywhere). */
  chunkSize?: number;
  /** Receives every employee and payslip that passed its checks, as they are read. */
  sink?: RecordSink;
  /**
   * Receives the whole export as it is read, to be written in the same pass, for as long
   * as no problem has been found and the file's order allows it (see `writtenAsRead`).
   */
  writeAsRead?: ExportSink;
}

export interface JsonExportReading {
  /** Sorted; empty when the export can be imported. */
  problems: ImportProblem[];
  warnings: ImportWarning[];
  company: ImportedCompany | null;
  /** By their index in `pay_runs`; null for one whose own fields have problems. */
  payRuns: (ImportedPayRunHeader | null)[];
  /**
   * True when every employee comes before the first payslip, as in docs/import-format.md, so that one
   * pass over the file can write both. An export that lists pay runs first needs two.
   */
  employeesFirst: boolean;
  /**
   * With `writeAsRead`: true when it was given the whole export, and given it right. False
   * when writing stopped (at a problem, or at a payslip before the last employee), or when
   * something it was given was changed by what came later in the file (the company after
   * the lists, a pay run's fields after its payslips). Then what it wrote is to be undone.
   */
  writtenAsRead: boolean;
}

/** Reads the export at `path`; `file` is the name problems carry. File system errors are thrown. */
export function readJsonExport(path: string, file: string, options: JsonExportOptions): JsonExportReading {
  const reader = new ExportReader(file, options);
  const stream = new JsonStream(reader);
  let syntax: JsonSyntaxError | null = null;
  const utf8 = readUtf8Chunks(
    path,
    (text) => {
      if (syntax !== null) return;
      try {
        stream.push(text);
      } catch (error) {
        if (!(error instanceof JsonSyntaxError)) throw error;
        syntax = error;
      }
    },
    options.chunkSize,
  );
  const refused = (problem: ImportProblem): JsonExportReading => ({ ...reader.result(), problems: [problem] });
  if (!utf8.ok) return refused({ file, line: utf8.line, field: '', message: t().import.notUtf8 });
  if (syntax === null) {
    try {
      stream.end();
    } catch (error) {
      if (!(error instanceof JsonSyntaxError)) throw error;
      syntax = error;
    }
  }
  const found: JsonSyntaxError | null = syntax;
  if (found !== null) return refused({ file, line: found.line, field: formatJsonPath(found.path), message: found.message });
  return reader.result();
}

/** The record being read, for locating its problems. */
interface CurrentRecord {
  path: JsonPath;
  line: number;
  text: string;
  /** Line lookup within the record's text, built on first use. */
  lineOf: ((path: JsonPath) => number | null) | null;
}

interface CurrentRun {
  index: number;
  line: number;
  /** The run's own fields as given (payslips stand in as an empty list), checked when it closes. */
  header: unknown;
  keyLines: Map<string, number>;
  /** The header given to `writeAsRead`, once given (as JSON, to compare with the run's final one). */
  written: string | null;
}

class ExportReader implements JsonStreamHandler, Locator {
  private readonly checker: ExportChecker;
  private readonly sink: RecordSink | undefined;
  private readonly duplicates: ImportProblem[] = [];
  private rootLine = 1;
  private rootIsObject = false;
  private readonly rootKeyLines = new Map<string, number>();
  /** Whether the last `employees` and `pay_runs` given were lists. */
  private readonly rootLists = new Map<string, boolean>();
  private company: ImportedCompany | null = null;
  private payRuns: (ImportedPayRunHeader | null)[] = [];
  private record: CurrentRecord | null = null;
  private run: CurrentRun | null = null;
  private employeesClosed = false;
  private payslipBeforeEmployees = false;
  private readonly writer: ExportSink | undefined;
  /** `waiting` for the first list to open, `writing` the records, `stopped` for good. */
  private writing: 'waiting' | 'writing' | 'stopped' = 'waiting';
  /** The company given to the writer, as JSON. */
  private companyWritten: string | null = null;

  constructor(
    private readonly file: string,
    options: JsonExportOptions,
  ) {
    this.checker = new ExportChecker({ format: 'json', locator: this, referenceDate: options.referenceDate, linesComplete: true });
    this.sink = options.sink;
    this.writer = options.writeAsRead;
  }

  result(): JsonExportReading {
    if (!this.rootIsObject) {
      this.checker.rootProblem([], t().import.exportNotObject);
    } else {
      for (const key of ['employees', 'pay_runs']) {
        const isList = this.rootLists.get(key);
        if (isList !== true) this.checker.rootProblem([key], isList === undefined ? missing() : t().import.mustBeList);
      }
    }
    // JSON.parse would quietly keep the last of two equal keys; in a payroll file that is
    // at best a mistake and at worst two different amounts, so it is refused.
    const problems = sortProblems([...this.duplicates, ...this.checker.problems()]);
    return {
      problems,
      warnings: [...this.checker.warnings],
      company: this.company,
      payRuns: this.payRuns,
      employeesFirst: !this.payslipBeforeEmployees,
      writtenAsRead: this.writerIsOn() && this.companyWritten === JSON.stringify(this.company),
    };
  }

  // The stream handler: which containers stream, and what each value is.

  streams(path: JsonPath, kind: ContainerKind): boolean {
    switch (path.length) {
      case 0:
        return kind === 'object';
      case 1:
        return kind === 'array' && (path[0] === 'employees' || path[0] === 'pay_runs');
      case 2:
        return kind === 'object' && path[0] === 'pay_runs';
      case 3:
        return kind === 'array' && path[0] === 'pay_runs' && path[2] === 'payslips';
      default:
        return false;
    }
  }

  open(path: JsonPath, _kind: ContainerKind, line: number): void {
    const [first, second] = path;
    if (path.length === 0) {
      this.rootLine = line;
      this.rootIsObject = true;
    } else if (path.length === 1) {
      this.rootKey(String(first), line, true);
      this.beginWriting();
    } else if (path.length === 2) {
      // No prototype: keys from the file (even `__proto__`) are plain data.
      this.beginRun(Number(second), line, Object.create(null));
    } else if (this.run !== null) {
      this.run.keyLines.set('payslips', line);
      (this.run.header as Record<string, unknown>).payslips = [];
    }
  }

  close(path: JsonPath): void {
    if (path.length === 1 && path[0] === 'employees') {
      this.checker.endEmployees();
      this.employeesClosed = true;
    } else if (path.length === 2 && this.run !== null) {
      this.endRun(this.run);
    }
  }

  value(path: JsonPath, value: unknown, line: number, text: string): void {
    if (path.length === 0) {
      this.rootLine = line;
      return;
    }
    const key = path[0];
    if (path.length === 1) {
      this.rootKey(String(key), line, false);
      if (key === 'company') {
        this.record = { path, line, text, lineOf: null };
        this.company = this.checker.company(value);
      }
      return;
    }
    this.record = { path, line, text, lineOf: null };
    if (key === 'employees') {
      const employee = this.checker.employee(Number(path[1]), value);
      if (employee !== null) this.sink?.employee(employee);
      if (employee !== null && this.writerIsOn()) this.writer?.employee(employee);
    } else if (path.length === 2) {
      // A pay run that is not an object: it is checked (and refused) as one.
      this.endRun(this.beginRun(Number(path[1]), line, value));
    } else if (path.length === 3 && this.run !== null) {
      this.run.keyLines.set(String(path[2]), line);
      (this.run.header as Record<string, unknown>)[String(path[2])] = value;
    } else if (this.run !== null) {
      if (!this.employeesClosed) this.payslipBeforeEmployees = true;
      const run = this.run;
      const payslip = this.checker.payslip(run.index, Number(path[3]), value);
      if (payslip !== null) this.sink?.payslip(run.index, payslip);
      if (payslip !== null && this.writerIsOn()) this.writePayslip(run, payslip);
    }
  }

  duplicateKey(path: JsonPath, line: number): void {
    this.duplicates.push({ file: this.file, line, field: formatJsonPath(path), message: t().import.json.keyTwice });
  }

  /** A top-level key; given again, it replaces what came before, as JSON.parse would. */
  private rootKey(key: string, line: number, isList: boolean): void {
    const again = this.rootKeyLines.has(key);
    this.rootKeyLines.set(key, line);
    if (key !== 'employees' && key !== 'pay_runs') return;
    this.rootLists.set(key, isList);
    if (!again) return;
    this.stopWriting();
    if (key === 'employees') this.checker.restartEmployees();
    else {
      this.checker.restartPayRuns();
      this.payRuns = [];
    }
  }

  /** `header` collects the run's own fields as they come (or is the whole run, when it is not an object). */
  private beginRun(index: number, line: number, header: unknown): CurrentRun {
    this.checker.beginRun(index);
    this.run = { index, line, header, keyLines: new Map(), written: null };
    return this.run;
  }

  private endRun(run: CurrentRun): void {
    const header = this.checker.endRun(run.index, run.header);
    this.payRuns[run.index] = header;
    this.run = null;
    if (!this.writerIsOn()) return;
    if (header === null) this.stopWriting();
    // A run without payslips is written as it closes.
    else if (run.written === null) this.writeRun(run, header);
    else if (run.written !== JSON.stringify(header)) this.stopWriting();
  }

  // Writing as the file is read (`writeAsRead`).

  /** The first list opens: the company is taken as read so far (none, if it comes later). */
  private beginWriting(): void {
    if (this.writer === undefined || this.writing !== 'waiting') return;
    this.writing = 'writing';
    this.companyWritten = JSON.stringify(this.company);
    if (this.writerIsOn()) this.writer.begin(this.company);
  }

  /** Whether records still go to the writer: it has begun, and nothing has been refused so far. */
  private writerIsOn(): boolean {
    if (this.writing === 'writing' && (this.checker.problemCount > 0 || this.duplicates.length > 0)) this.stopWriting();
    return this.writing === 'writing';
  }

  private stopWriting(): void {
    if (this.writer !== undefined) this.writing = 'stopped';
  }

  private writePayslip(run: CurrentRun, payslip: ImportedPayslip): void {
    // Its employee may not have been written yet.
    if (!this.employeesClosed) return this.stopWriting();
    if (run.written === null) {
      // Its run's fields so far; if some follow the payslips, they are only known at the end.
      const header = this.checker.runHeaderSoFar(run.header);
      if (header === null) return this.stopWriting();
      this.writeRun(run, header);
    }
    this.writer?.payslip(run.index, payslip);
  }

  private writeRun(run: CurrentRun, header: ImportedPayRunHeader): void {
    run.written = JSON.stringify(header);
    this.writer?.payRun(run.index, header);
  }

  // The locator: lines for the paths the checker reports.

  locate(path: JsonPath): Location {
    return { file: this.file, line: this.line(path), field: formatJsonPath(path) };
  }

  /** The line of the value at `path`, or of the nearest enclosing value the reader knows. */
  line(path: JsonPath): number | null {
    const record = this.record;
    if (record !== null && startsWith(path, record.path)) {
      if (path.length === record.path.length) return record.line;
      record.lineOf ??= recordLines(record);
      for (let length = path.length; length > record.path.length; length -= 1) {
        const line = record.lineOf(path.slice(record.path.length, length));
        if (line !== null) return line;
      }
      return record.line;
    }
    const run = this.run;
    if (run !== null && path[0] === 'pay_runs' && path[1] === run.index) {
      return (path.length > 2 ? run.keyLines.get(String(path[2])) : undefined) ?? run.line;
    }
    return (path.length > 0 ? this.rootKeyLines.get(String(path[0])) : undefined) ?? this.rootLine;
  }

  isKnownMissing(): boolean {
    return false;
  }
}

function startsWith(path: JsonPath, prefix: JsonPath): boolean {
  if (path.length < prefix.length) return false;
  for (let index = 0; index < prefix.length; index += 1) if (path[index] !== prefix[index]) return false;
  return true;
}

/** Lines within a record, from its text parsed again with line tracking, as lines of the file. */
function recordLines(record: CurrentRecord): (path: JsonPath) => number | null {
  const parsed = parseJsonWithLines(record.text);
  if (!parsed.ok) throw new Error('unreachable: a record that parsed once does not parse again');
  return (path) => {
    const line = parsed.lineOf(path);
    return line === null ? null : record.line + line - 1;
  };
}
