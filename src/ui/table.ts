import Table from 'cli-table3';
import { renderStyled, type Styled } from './colour.js';
import { printable } from './printable.js';
import type { Terminal } from './terminal.js';

/** A table ready to print: its cells have been made printable, so `terminal.result` writes it as it is. */
export class RenderedTable {
  constructor(readonly text: string) {}
}

/**
 * Tables on a terminal get cli-table3's borders; piped output gets plain tab-free columns
 * that `grep`/`awk` handle, without box-drawing characters. Every cell is data, so every
 * cell is made printable (a line break too: a cell is one line), then coloured.
 */
export function renderTable(terminal: Terminal, head: string[], rows: Styled[][]): RenderedTable {
  const cells = rows.map((row) => row.map((cell) => renderStyled(terminal.palette, cell, printable)));
  if (!terminal.colour && !process.stdout.isTTY) return new RenderedTable(plainColumns([head, ...cells]));
  const table = new Table({ head: head.map((h) => terminal.palette.bold(h)), style: { head: [], border: [] } });
  table.push(...cells);
  return new RenderedTable(table.toString());
}

function plainColumns(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => [...(r[i] ?? '')].length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd()).join('\n');
}
