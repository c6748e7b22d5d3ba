/**
 * Splits a payslip's lines into table rows and pages. Pure: text widths come from the
 * `measure` function the caller passes, so this can be tested without a PDF.
 */
import type { LineKind, PayslipLine } from '../domain/types.js';
import type { TemplateLabels } from './template.js';

export type TableRow =
  | { type: 'section'; kind: LineKind; label: string; continued: boolean }
  | { type: 'line'; line: PayslipLine; textLines: string[] };

export interface PagePlan {
  rows: TableRow[];
  /** The summary (totals, vacation, year to date) goes after the rows of this page. */
  summary: boolean;
}

/** Row heights in mm. */
export const ROW_MM = {
  tableHeader: 7,
  section: 7,
  lineFirst: 5.2,
  lineExtra: 3.7,
} as const;
/** Room the summary needs below the last row, including the gap above it. */
const SUMMARY_MM = 46;
/** A line text wraps to at most this many lines; an absurdly long text ends in an ellipsis. */
const MAX_TEXT_LINES = 6;

const SECTION_ORDER: readonly LineKind[] = ['gross', 'benefit', 'net'];

export function rowHeightMm(row: TableRow): number {
  return row.type === 'section' ? ROW_MM.section : ROW_MM.lineFirst + ROW_MM.lineExtra * (row.textLines.length - 1);
}

/**
 * The largest length in [min, max] for which `fits` holds, or `min` when none does. `fits`
 * must hold up to some length and for none beyond it, as "this prefix fits the width" does:
 * a prefix is never wider than a longer one. Lengths are tried from the short end, doubling,
 * then the gap is halved: O(log n) calls, and no prefix tried is more than twice as long as
 * the answer, however long the text (a careless export's name may run to many thousands of
 * characters; cutting one at a time and measuring again was quadratic).
 */
export function longestFitting(min: number, max: number, fits: (length: number) => boolean): number {
  let good = min - 1;
  let bad = max + 1;
  for (let step = 1; good + 1 < bad; step *= 2) {
    const length = Math.min(good + step, bad - 1);
    if (!fits(length)) {
      bad = length;
      break;
    }
    good = length;
  }
  while (good + 1 < bad) {
    const length = good + Math.floor((bad - good) / 2);
    if (fits(length)) good = length;
    else bad = length;
  }
  return Math.max(good, min);
}

export interface FittedText {
  text: string;
  size: number;
}

/**
 * Text wider than `maxWidth` at `size` shrinks just enough to fit, when that stays legible
 * (down to `minScale` of its size); otherwise it is cut with an ellipsis at the smallest size.
 * `measure` gives a text's width at a size.
 */
export function fitText(text: string, size: number, maxWidth: number | undefined, measure: (text: string, size: number) => number, minScale = 0.85): FittedText {
  const width = measure(text, size);
  if (maxWidth === undefined || width <= maxWidth) return { text, size };
  const shrunk = size * (maxWidth / width) * 0.999;
  if (shrunk >= size * minScale) return { text, size: shrunk };
  const smaller = size * minScale;
  const kept = longestFitting(1, text.length, (length) => measure(`${text.slice(0, length)}…`, smaller) <= maxWidth);
  return { text: `${text.slice(0, kept).trimEnd()}…`, size: smaller };
}

/**
 * Word-wraps `text` to `maxWidth` with `measure`; a word wider than the column is broken
 * between characters so nothing runs into the next column. More than `maxLines` lines end
 * in an ellipsis; lines after those are never laid out, so a text of any length costs about
 * what `maxLines` full lines cost.
 */
export function wrapText(text: string, maxWidth: number, measure: (s: string) => number, maxLines = MAX_TEXT_LINES): string[] {
  const words = text.split(/\s+/).filter((w) => w.length > 0);
  const lines: string[] = [];
  let current = '';
  const full = (): boolean => lines.length > maxLines;
  const pushWord = (word: string): void => {
    let rest = word;
    while (rest.length > 1 && !full()) {
      const fitting = longestFitting(0, rest.length, (length) => measure(rest.slice(0, length)) <= maxWidth);
      if (fitting === rest.length) break;
      const cut = Math.max(fitting, 1);
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    current = rest;
  };
  for (const word of words) {
    if (full()) break;
    const candidate = current ? `${current} ${word}` : word;
    if (measure(candidate) <= maxWidth) {
      current = candidate;
    } else {
      if (current) lines.push(current);
      pushWord(word);
    }
  }
  if (current || lines.length === 0) lines.push(current);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1] ?? '';
  const length = longestFitting(0, last.length, (n) => measure(`${last.slice(0, n)}…`) <= maxWidth);
  kept[maxLines - 1] = `${last.slice(0, length)}…`;
  return kept;
}

/**
 * Groups lines by kind in the order a Swedish payslip adds them up (pay before tax,
 * taxable benefits, items after tax), keeping the payroll system's order inside each group.
 */
export function buildTableRows(
  lines: readonly PayslipLine[],
  labels: TemplateLabels,
  wrap: (text: string) => string[],
): TableRow[] {
  const sectionLabel: Record<LineKind, string> = {
    gross: labels.sectionGross,
    benefit: labels.sectionBenefit,
    net: labels.sectionNet,
  };
  const rows: TableRow[] = [];
  for (const kind of SECTION_ORDER) {
    const ofKind = lines.filter((line) => line.kind === kind);
    if (ofKind.length === 0) continue;
    rows.push({ type: 'section', kind, label: sectionLabel[kind], continued: false });
    for (const line of ofKind) rows.push({ type: 'line', line, textLines: wrap(line.text) });
  }
  return rows;
}

/**
 * Fills pages with rows: a section heading never ends a page without its first line, a
 * section that continues on the next page repeats its heading marked as continued, and the
 * summary moves to a page of its own when it does not fit under the last row.
 * Capacities are the table body heights in mm (below the table header row).
 */
export function paginate(rows: readonly TableRow[], firstCapacityMm: number, nextCapacityMm: number): PagePlan[] {
  const pages: PagePlan[] = [{ rows: [], summary: false }];
  let used = 0;
  let capacity = firstCapacityMm;
  let section: Extract<TableRow, { type: 'section' }> | null = null;
  const current = (): PagePlan => pages[pages.length - 1] as PagePlan;
  const newPage = (): void => {
    pages.push({ rows: [], summary: false });
    used = 0;
    capacity = nextCapacityMm;
  };
  const place = (row: TableRow): void => {
    current().rows.push(row);
    used += rowHeightMm(row);
  };

  rows.forEach((row, index) => {
    if (row.type === 'section') {
      section = row;
      const next = rows[index + 1];
      const needed = rowHeightMm(row) + (next?.type === 'line' ? rowHeightMm(next) : 0);
      if (used + needed > capacity && current().rows.length > 0) newPage();
      place(row);
      return;
    }
    if (used + rowHeightMm(row) > capacity && current().rows.length > 0) {
      newPage();
      if (section) place({ ...section, continued: true });
    }
    place(row);
  });

  if (used + SUMMARY_MM > capacity) newPage();
  current().summary = true;
  return pages;
}
