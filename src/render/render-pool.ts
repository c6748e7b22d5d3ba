import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { performRenderTask, type RenderResult, type RenderTask } from './render-tasks.js';

export interface RenderPool {
  readonly threads: number;
  run(task: RenderTask): Promise<RenderResult>;
  close(): Promise<void>;
}

const WORKER_FILE = fileURLToPath(new URL('./render-worker.js', import.meta.url));

/**
 * Renders in worker threads so PDFs are made on every core while the main thread talks to
 * Kivra and SQLite. One thread per core by default. When the compiled worker file is not
 * there (code run straight from TypeScript sources), it renders in this thread instead.
 */
export function createRenderPool(threads = availableParallelism()): RenderPool {
  if (threads < 1 || !existsSync(WORKER_FILE)) {
    return { threads: 0, run: performRenderTask, close: async () => {} };
  }
  const idle: Worker[] = [];
  const waiting: Array<{ task: RenderTask; resolve: (r: RenderResult) => void; reject: (e: Error) => void }> = [];
  const pending = new Map<number, { resolve: (r: RenderResult) => void; reject: (e: Error) => void; worker: Worker }>();
  let nextId = 1;
  let closed = false;

  const dispatch = (worker: Worker): void => {
    const job = waiting.shift();
    if (!job) {
      idle.push(worker);
      return;
    }
    const id = nextId++;
    pending.set(id, { resolve: job.resolve, reject: job.reject, worker });
    worker.postMessage({ id, task: job.task });
  };

  const workers = Array.from({ length: threads }, () => {
    const worker = new Worker(WORKER_FILE);
    worker.on('message', (message: { id: number; result: RenderResult }) => {
      const entry = pending.get(message.id);
      pending.delete(message.id);
      entry?.resolve(message.result);
      if (!closed) dispatch(worker);
    });
    worker.on('error', (error) => {
      for (const [id, entry] of pending) {
        if (entry.worker === worker) {
          pending.delete(id);
          entry.reject(error);
        }
      }
    });
    idle.push(worker);
    return worker;
  });

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
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
