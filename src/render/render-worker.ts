import { parentPort } from 'node:worker_threads';
import { performRenderTask, type RenderTask } from './render-tasks.js';

/**
 * A render worker: renders the tasks the pool gives it one at a time, in the order given
 * (the pool counts on that when a worker dies), and answers each with its result.
 */
let previous: Promise<void> = Promise.resolve();
parentPort?.on('message', (message: { id: number; task: RenderTask }) => {
  previous = previous.then(async () => {
    const result = await performRenderTask(message.task);
    const transfer = result.ok ? [result.kind === 'payload' ? result.json.buffer : result.pdf.buffer] : [];
    parentPort!.postMessage({ id: message.id, result }, transfer as ArrayBuffer[]);
  });
});
