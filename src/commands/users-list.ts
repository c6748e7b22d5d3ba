import { defineCommand, noOptions } from './command.js';
import { listOperators } from '../store/operators.js';
import { renderTable } from '../ui/table.js';
import { openSession } from '../workflows/session.js';

export const command = defineCommand(noOptions, async (ctx, _options) => {
  const session = openSession(ctx, 'read');
  try {
    const operators = listOperators(session.db);
    if (!ctx.json) {
      ctx.terminal.result(
        renderTable(ctx.terminal, ['Operator', 'Role', 'Added', 'By'], operators.map((o) => [o.name, o.role, o.createdAt.slice(0, 10), o.createdBy])),
      );
    }
    return { json: { operators } };
  } finally {
    session.db.close();
  }
});
