import { parentPort } from 'node:worker_threads';
import { performRenderTask, type RenderTask } from './render-tasks.js';

/** A render worker: takes one task at a time from the pool and answers with its result. */
parentPort?.on('message', (message: { id: number; task: RenderTask }) => {
  void performRenderTask(message.task).then((result) => {
    const transfer = result.ok ? [result.kind === 'payload' ? result.json.buffer : result.pdf.buffer] : [];
    parentPort!.postMessage({ id: message.id, result }, transfer as ArrayBuffer[]);
  });
});
