// A stand-in render worker for the pool test. By the task's templateDir it dies
// ("crash": exits with code 3), throws outside any task's promise ("throw"), fills its
// heap until the pool's memory limit stops it ("hoard") or never answers ("hang");
// otherwise it answers like the real worker, echoing the employee number.
import { parentPort } from 'node:worker_threads';

parentPort.on('message', ({ id, task }) => {
  if (task.templateDir === 'crash') process.exit(3);
  if (task.templateDir === 'throw') throw new Error('the font table is not where the directory says');
  if (task.templateDir === 'hang') return;
  if (task.templateDir === 'hoard') {
    const hoard = [];
    for (;;) hoard.push(new Array(100_000).fill(hoard.length));
  }
  parentPort.postMessage({ id, result: { ok: true, kind: 'print', pdf: new TextEncoder().encode(task.doc.employee.employeeNumber) } });
});
