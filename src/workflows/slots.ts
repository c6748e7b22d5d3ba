/**
 * At most `size` holders at once; the rest wait their turn, first come first served.
 * The send uses it to keep `--concurrency` requests in flight to Kivra while more
 * payslips than that are being rendered.
 */
export interface Slots {
  /** Resolves when a slot is free, with the function that frees it again. */
  acquire(): Promise<() => void>;
}

export function createSlots(size: number): Slots {
  let free = size;
  const waiting: Array<() => void> = [];
  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else free += 1;
  };
  return {
    acquire: () => {
      if (free > 0) {
        free -= 1;
        return Promise.resolve(once(release));
      }
      return new Promise((resolve) => waiting.push(() => resolve(once(release))));
    },
  };
}

/** A release called twice must not free two slots. */
function once(release: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    release();
  };
}
