import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | null | undefined;

/**
 * A full garbage collection, now. Planning a send of 50,000 payslips builds and drops
 * about 100 MB of objects (every employee, the mailbox answers, the selection); they
 * outlive the young generation, and V8 does not collect its old generation again until
 * much later, so the send's posts piled up beside that garbage: peak RSS reached 430-520 MB,
 * against 280 MB with a collection after each planning step and every 2,000 payslips
 * (BENCHMARKS.md). One costs 15-25 ms at that size.
 *
 * Node only hands out `gc` with --expose-gc, which a bin script cannot pass to its own
 * process; setting the flag at run time and taking `gc` from a new context is the way
 * test runners such as Jest do it for their heap reports. Where that is refused (a
 * runtime that freezes its flags), this does nothing and V8 collects when it will.
 */
export function collectGarbage(): void {
  if (collect === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      const gc: unknown = runInNewContext('gc');
      collect = typeof gc === 'function' ? (gc as () => void) : null;
    } catch {
      collect = null;
    }
  }
  collect?.();
}
