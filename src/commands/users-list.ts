import type { CommandModule } from '../cli.js';
import { listOperators } from '../store/operators.js';
import { renderTable } from '../ui/table.js';
import { openSession } from '../workflows/session.js';

export const run: CommandModule['run'] = async (ctx) => {
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
};
