import type { JsonPath } from './json-with-lines.js';

/** Where a value of the export (addressed by its JSON-shape path) is in the user's files. */
export interface Location {
  file: string;
  line: number | null;
  field: string;
}

export interface Locator {
  locate(path: JsonPath): Location;
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

/**
 * For JSON: the line of the value itself, or, for a missing field, the line of the
 * nearest enclosing value (the object that should have held it).
 */
export function jsonLocator(file: string, lineOf: (path: JsonPath) => number | null): Locator {
  return {
    locate(path) {
      for (let length = path.length; length >= 0; length -= 1) {
        const line = lineOf(path.slice(0, length));
        if (line !== null) return { file, line, field: formatJsonPath(path) };
      }
      return { file, line: null, field: formatJsonPath(path) };
    },
    isKnownMissing: () => false,
  };
}
