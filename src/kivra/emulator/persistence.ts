import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ContentRecord } from './state.js';

/**
 * The emulator's memory across runs, for the `local` environment where every CLI run
 * starts its own emulator: without it a re-run would deliver the same payslip again,
 * which real Kivra's duplicate control would refuse.
 *
 * An append-only JSON Lines file: one event per change, written before the answer goes
 * out, so a crash right after an answer never forgets what the answer promised.
 * Appending keeps a send of thousands of payslips linear. Request bodies (PDFs with
 * personal data) are not written; keys and hashes are enough for duplicate control.
 */

const HEADER = { format: 'payslips-kivra-emulator-state', version: 1 };

type StoredContent = Omit<ContentRecord, 'body'>;

type StateEvent =
  | { t: 'recipient'; ssn: string; present: boolean }
  | { t: 'content'; content: StoredContent }
  | { t: 'released'; contentKey: string };

interface LoadedState {
  recipients: Set<string>;
  contents: ContentRecord[];
}

export function loadStateFile(path: string): LoadedState {
  const loaded: LoadedState = { recipients: new Set(), contents: [] };
  if (!existsSync(path)) return loaded;
  const lines = readFileSync(path, 'utf8').split('\n');
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    let event: unknown;
    try {
      event = JSON.parse(line);
    } catch (error) {
      // A crash can leave the last line half-written; that change was never answered.
      if (lines.slice(index + 1).every((rest) => rest.trim() === '')) break;
      throw new Error(`Kivra emulator state file ${path}, line ${index + 1}: not JSON`, { cause: error });
    }
    if (index === 0) {
      const header = event as { format?: unknown; version?: unknown };
      if (header.format !== HEADER.format || header.version !== HEADER.version) {
        throw new Error(`${path} is not a Kivra emulator state file (version ${HEADER.version})`);
      }
      continue;
    }
    apply(loaded, event as StateEvent);
  }
  return loaded;
}

function apply(state: LoadedState, event: StateEvent): void {
  switch (event.t) {
    case 'recipient':
      if (event.present) state.recipients.add(event.ssn);
      else state.recipients.delete(event.ssn);
      return;
    case 'content':
      state.contents.push({ ...event.content, body: null });
      return;
    case 'released': {
      const record = state.contents.find((c) => c.contentKey === event.contentKey && c.outcome === 'retained');
      if (record) record.released = true;
      return;
    }
    default:
      // Events from a newer version are skipped rather than fatal.
      return;
  }
}

export interface StateWriter {
  append(event: StateEvent): void;
}

export function openStateWriter(path: string): StateWriter {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  if (!existsSync(path)) writeFileSync(path, `${JSON.stringify(HEADER)}\n`, { mode: 0o600 });
  return {
    append(event) {
      appendFileSync(path, `${JSON.stringify(event)}\n`, { mode: 0o600 });
    },
  };
}

export function storedContent(record: ContentRecord): StoredContent {
  const { body: _body, ...stored } = record;
  return stored;
}
