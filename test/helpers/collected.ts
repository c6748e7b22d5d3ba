import { setTimeout as tick } from 'node:timers/promises';
import { collectGarbage } from '../../src/heap.js';

/**
 * How many of `refs` still reach their object after a full collection: 0 means nothing
 * kept them. The collection waits for the next turn of the event loop first, because a
 * WeakRef holds its target until the end of the job that made it.
 */
export async function survivorsOfCollection(refs: ReadonlyArray<WeakRef<object>>): Promise<number> {
  await tick(0);
  collectGarbage();
  return refs.filter((ref) => ref.deref() !== undefined).length;
}
