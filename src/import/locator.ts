import type { JsonPath } from './json-with-lines.js';

/** Where a value of the export (addressed by its JSON-shape path) is in the user's files. */
export interface Location {
  file: string;
  line: number | null;
  field: string;
}

export interface Locator {
  locate(path: JsonPath): Location;
  /** Just the line of `locate(path)`: asked for every record, so it should not build the field name. */
  line(path: JsonPath): number | null;
  /**
   * True when a `missing` problem at this location repeats one already reported for the
   * whole file (a missing CSV column), so it is left out.
   */
  isKnownMissing(location: Location): boolean;
}

/** `pay_runs[1].payslips[0].net_pay`. */
export function formatJsonPath(path: JsonPath): string {
  let text = '';
  for (const part of path) {
    text += typeof part === 'number' ? `[${part}]` : text === '' ? part : `.${part}`;
  }
  return text;
}
