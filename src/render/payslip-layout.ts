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
export const SUMMARY_MM = 46;
/** A line text wraps to at most this many lines; an absurdly long text ends in an ellipsis. */
export const MAX_TEXT_LINES = 6;

const SECTION_ORDER: readonly LineKind[] = ['gross', 'benefit', 'net'];

export function rowHeightMm(row: TableRow): number {
  return row.type === 'section' ? ROW_MM.section : ROW_MM.lineFirst + ROW_MM.lineExtra * (row.textLines.length - 1);
}

/**
 * Word-wraps `text` to `maxWidth` with `measure`; a word wider than the column is broken
 * between characters so nothing runs into the next column.
 */
export function wrapText(text: string, maxWidth: number, measure: (s: string) => number, maxLines = MAX_TEXT_LINES): string[] {
  const words = text.split(/\s+/).filter((w) => w.length > 0);
  const lines: string[] = [];
  let current = '';
  const pushWord = (word: string): void => {
    let rest = word;
    while (measure(rest) > maxWidth && rest.length > 1) {
      let cut = rest.length - 1;
      while (cut > 1 && measure(rest.slice(0, cut)) > maxWidth) cut -= 1;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    current = rest;
  };
  for (const word of words) {
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
  let last = `${kept[maxLines - 1] ?? ''}…`;
  while (measure(last) > maxWidth && last.length > 1) last = `${last.slice(0, -2)}…`;
  kept[maxLines - 1] = last;
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
