import { readFileSync } from 'node:fs';
import { UsageError } from '../../errors.js';
import { t } from '../../i18n/catalogue.js';
import { parseJsonWithLines } from '../../import/json-with-lines.js';
import { isKivraSsn } from './ssn.js';

/**
 * Who has a mailbox in an emulator: a JSON file shaped like Kivra's own usermatch body,
 * `{ "list": ["YYYYMMDDNNNN", …] }`, so a real usermatch answer can be saved and reused.
 * Every problem names the file, line and field, and nothing starts until all are fixed.
 */
export function readRecipientsFile(path: string, source: string): string[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(t().tools.recipients.cannotRead(source, path, (error as Error).message), { code: 'invalid_recipients' });
  }
  const parsed = parseJsonWithLines(text);
  if (!parsed.ok) {
    throw new UsageError(`${source}: ${path}:${parsed.line}: ${parsed.message}`, { code: 'invalid_recipients' });
  }
  const list = (parsed.value as { list?: unknown } | null)?.list;
  if (parsed.value === null || typeof parsed.value !== 'object' || !Array.isArray(list)) {
    throw new UsageError(t().tools.recipients.shape(source, path), { code: 'invalid_recipients' });
  }
  const problems: string[] = [];
  for (const [index, ssn] of list.entries()) {
    if (!isKivraSsn(ssn)) {
      const line = parsed.lineOf(['list', index]) ?? 1;
      problems.push(t().tools.recipients.notPersonnummer(`${path}:${line}: list[${index}]`, JSON.stringify(ssn)));
    }
  }
  if (problems.length > 0) {
    throw new UsageError(t().tools.recipients.invalid(source, problems.length, path), {
      code: 'invalid_recipients',
      details: problems,
    });
  }
  return list as string[];
}
