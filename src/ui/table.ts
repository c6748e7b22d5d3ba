import Table from 'cli-table3';
import type { Terminal } from './terminal.js';

/**
 * Tables on a terminal get cli-table3's borders; piped output gets plain tab-free columns
 * that `grep`/`awk` handle, without box-drawing characters.
 */
export function renderTable(terminal: Terminal, head: string[], rows: string[][]): string {
  if (!terminal.colour && !process.stdout.isTTY) return plainColumns([head, ...rows]);
  const table = new Table({ head: head.map((h) => terminal.palette.bold(h)), style: { head: [], border: [] } });
  table.push(...rows);
  return table.toString();
}

function plainColumns(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => [...(r[i] ?? '')].length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd()).join('\n');
}
