import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RenderResult, RenderTask } from './render-tasks.js';

export interface RenderPool {
  readonly threads: number;
  run(task: RenderTask): Promise<RenderResult>;
  close(): Promise<void>;
}

const YOUNG_GENERATION_MB = 8;
const OLD_GENERATION_MB = 128;
/**
 * Tasks handed to a worker at once: it renders them one after the other (render-worker.ts),
 * and has the next in hand when it answers one, instead of idling until the main thread
 * has taken the answer and sent another (3,000 payslips: send CPU -6 %, wall -10 %).
 */
const TASKS_PER_WORKER = 2;
const WORKER_FILE = fileURLToPath(new URL('./render-worker.js', import.meta.url));

/**
 * The answer for a payslip whose worker died under it: that payslip failed, like one whose
 * rendering threw (render-tasks.ts), and the others go on.
 */
function workerStopped(failure: Error | undefined, exitCode: number): RenderResult {
  const outOfMemory = (failure as NodeJS.ErrnoException | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
  const message = outOfMemory
    ? `Rendering this payslip needed more than the ${OLD_GENERATION_MB} MB of memory a render worker may use.`
    : `The render worker stopped while rendering this payslip: ${failure?.message ?? `exit code ${exitCode}`}.`;
  return { ok: false, code: 'render_failed', message };
}

/**
 * Renders in worker threads so PDFs are made on other cores while the main thread talks to
 * Kivra and SQLite: one thread per core but the main thread's, at least one. A payslip
 * renders in about a millisecond, faster than the main thread can store and post it, so a
 * second render thread on two cores only took CPU from the main thread and held another
 * heap (BENCHMARKS.md: the same send time, 60 MB less). When the compiled worker file is not
 * there (code run straight from TypeScript sources), it renders in this thread instead;
 * only then does this thread load the renderer (fonts, PDF engine), which a send's main
 * thread otherwise never needs.
 */
export function createRenderPool(threads = Math.max(1, availableParallelism() - 1), workerFile = WORKER_FILE): RenderPool {
  if (threads < 1 || !existsSync(workerFile)) {
    return { threads: 0, run: async (task) => (await import('./render-tasks.js')).performRenderTask(task), close: async () => {} };
  }
  // A worker appears here once per task it could take now.
  const idle: Worker[] = [];
  const waiting: Array<{ task: RenderTask; resolve: (r: RenderResult) => void; reject: (e: Error) => void }> = [];
  const pending = new Map<number, { task: RenderTask; resolve: (r: RenderResult) => void; reject: (e: Error) => void; worker: Worker }>();
  let nextId = 1;
  let closed = false;

  const dispatch = (worker: Worker): void => {
    const job = waiting.shift();
    if (!job) {
      idle.push(worker);
      return;
    }
    const id = nextId++;
    pending.set(id, { ...job, worker });
    worker.postMessage({ id, task: job.task });
  };

  const workers = new Set<Worker>();
  // A worker that dies (an uncaught error, out of memory) fails only the payslip it was
  // rendering, which is answered `render_failed`; a fresh worker takes its place so the
  // queue behind it never waits forever.
  const spawn = (): void => {
    // A small young generation: render garbage is short-lived, and each worker's default
    // semi-spaces cost tens of MB of resident memory for nothing. A worker keeps about
    // 25 MB live; without an old-generation limit V8 let each heap grow to ~100 MB before
    // collecting, with one it collects sooner (600 payslips on two threads: peak RSS 327 →
    // 233 MB, BENCHMARKS.md). A payslip that needed more would fail alone, as above.
    const worker = new Worker(workerFile, {
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB, maxOldGenerationSizeMb: OLD_GENERATION_MB },
    });
    let failure: Error | undefined;
    worker.on('message', (message: { id: number; result: RenderResult }) => {
      const entry = pending.get(message.id);
      pending.delete(message.id);
      entry?.resolve(message.result);
      if (!closed) dispatch(worker);
    });
    worker.on('error', (error) => {
      failure = error;
    });
    worker.on('exit', (code) => {
      workers.delete(worker);
      for (let index = idle.indexOf(worker); index >= 0; index = idle.indexOf(worker)) idle.splice(index, 1);
      // The worker renders its tasks in the order given, so the oldest is the one it was
      // rendering; those behind it had not started and go back to the front of the queue.
      const mine = [...pending].filter(([, entry]) => entry.worker === worker).sort(([a], [b]) => a - b);
      for (const [id] of mine) pending.delete(id);
      const [rendering, ...notStarted] = mine.map(([, entry]) => entry);
      if (closed) {
        rendering?.reject(new Error('render pool closed while rendering'));
        for (const entry of notStarted) entry.reject(new Error('render pool is closed'));
        return;
      }
      rendering?.resolve(workerStopped(failure, code));
      waiting.unshift(...notStarted);
      spawn();
    });
    workers.add(worker);
    for (let i = 0; i < TASKS_PER_WORKER; i++) dispatch(worker);
  };
  for (let i = 0; i < threads; i++) spawn();

  return {
    threads,
    run: (task) =>
      new Promise<RenderResult>((resolve, reject) => {
        if (closed) {
          reject(new Error('render pool is closed'));
          return;
        }
        waiting.push({ task, resolve, reject });
        const worker = idle.pop();
        if (worker) dispatch(worker);
      }),
    close: async () => {
      closed = true;
      for (const job of waiting.splice(0)) job.reject(new Error('render pool is closed'));
      await Promise.all([...workers].map((w) => w.terminate()));
    },
  };
}
