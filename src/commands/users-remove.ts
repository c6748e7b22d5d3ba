import { defineCommand, noOptions } from './command.js';
import { UsageError } from '../errors.js';
import { removeOperator } from '../workflows/operators.js';
import { openSession } from '../workflows/session.js';

export const command = defineCommand(noOptions, async (ctx, _options, args) => {
  const name = args[0]?.trim();
  if (!name) throw new UsageError('Name the operator to remove.', { code: 'invalid_option' });
  const session = openSession(ctx, 'users');
  try {
    const result = removeOperator(session.db, name, session.operator, session.at);
    ctx.terminal.success(`Removed ${result.name} (was ${result.role}).`);
    return { json: result };
  } finally {
    session.db.close();
  }
});
