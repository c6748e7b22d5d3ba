// A stand-in render worker for the pool test: it dies on a task whose templateDir is
// "crash" and otherwise answers like the real worker, echoing the employee number.
import { parentPort } from 'node:worker_threads';

parentPort.on('message', ({ id, task }) => {
  if (task.templateDir === 'crash') process.exit(3);
  parentPort.postMessage({ id, result: { ok: true, kind: 'print', pdf: new TextEncoder().encode(task.doc.employee.employeeNumber) } });
});
