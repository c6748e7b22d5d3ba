import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { BIN } from './cli.js';

/** Strips ANSI escapes so expectations match what a person reads. */
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b[()][0-9A-Za-z]|\u001b[=>]/g;

export const KEYS = { enter: '\r', down: '\u001b[B', up: '\u001b[A', ctrlC: '\u0003' } as const;

export interface PtySession {
  /** Waits until the screen output (since the last expect) contains the text. */
  expect(text: string | RegExp, timeoutMs?: number): Promise<void>;
  send(keys: string): void;
  /** Answers a prompt: waits for its text, then types the answer and Enter. */
  answer(prompt: string | RegExp, typed: string): Promise<void>;
  exit(timeoutMs?: number): Promise<{ code: number | null; output: string }>;
  output(): string;
  /** The screen output as written, colour codes and all. */
  raw(): string;
}

/**
 * Runs the built CLI under a real pseudo-terminal via util-linux `script`, so the
 * interactive wizard is tested exactly as a person sees it.
 */
export function runInPty(args: string[], env: Record<string, string>): PtySession {
  const command = ['stty cols 120 rows 50;', 'exec node', ...[BIN, ...args].map(shellQuote)].join(' ');
  const child: ChildProcessWithoutNullStreams = spawn('script', ['-qfec', command, '/dev/null'], { env, stdio: 'pipe' });
  let all = '';
  let raw = '';
  let cursor = 0;
  child.stdout.on('data', (chunk: Buffer) => {
    raw += chunk.toString('utf8');
    all += chunk.toString('utf8').replace(ANSI, '');
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

  const expect = async (text: string | RegExp, timeoutMs = 10_000): Promise<void> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const rest = all.slice(cursor);
      const index = typeof text === 'string' ? rest.indexOf(text) : rest.search(text);
      if (index >= 0) {
        cursor += index + 1;
        return;
      }
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${String(text)}. Screen so far:\n${all}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return {
    expect,
    send: (keys) => child.stdin.write(keys),
    answer: async (prompt, typed) => {
      await expect(prompt);
      // Give the prompt a moment to start listening for keys after drawing itself.
      await new Promise((r) => setTimeout(r, 60));
      child.stdin.write(`${typed}\r`);
    },
    exit: async (timeoutMs = 15_000) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const code = await exited;
      clearTimeout(timer);
      return { code, output: all };
    },
    output: () => all,
    raw: () => raw,
  };
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
