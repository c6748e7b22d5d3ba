import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

/**
 * Runs one command as a child process and measures it from the outside: wall time, exit
 * code, output, the child's peak resident set size and the CPU time it used (both over all
 * its threads: the render workers run inside the CLI process). GNU time reports them when
 * it is installed; otherwise /proc/<pid>/status VmHWM is sampled until the child exits and
 * /proc/<pid>/stat gives the CPU time last seen.
 */

const GNU_TIME = '/usr/bin/time';

export function peakRssMethod() {
  return existsSync(GNU_TIME) ? 'GNU time %M (max RSS of the child)' : '/proc/<pid>/status VmHWM, sampled every 50 ms';
}

export async function measureChild(command, args, { env, cwd } = {}) {
  const useTime = existsSync(GNU_TIME);
  const scratch = useTime ? mkdtempSync(join(tmpdir(), 'payslips-bench-time-')) : null;
  const timeFile = scratch ? join(scratch, 'time.txt') : null;
  const [file, argv] = useTime ? [GNU_TIME, ['-f', '%M %U %S', '-o', timeFile, command, ...args]] : [command, args];

  const started = performance.now();
  const child = spawn(file, argv, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout = [];
  const stderr = [];
  child.stdout.on('data', (chunk) => stdout.push(chunk));
  child.stderr.on('data', (chunk) => stderr.push(chunk));

  let sampledKb = 0;
  let sampledCpuS = 0;
  const sampler = useTime
    ? null
    : setInterval(() => {
        try {
          const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
          if (match) sampledKb = Math.max(sampledKb, Number(match[1]));
          // utime and stime, fields 14 and 15, in clock ticks (100 a second on Linux).
          const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
          sampledCpuS = (Number(fields[11]) + Number(fields[12])) / 100;
        } catch {
          // The child has exited between two samples.
        }
      }, 50);

  const exitCode = await new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
  const wallMs = performance.now() - started;
  if (sampler) clearInterval(sampler);

  let peakRssKb = sampledKb;
  let cpuS = sampledCpuS;
  if (timeFile) {
    // GNU time writes "Command exited with non-zero status N" before the figures on failure.
    const lines = readFileSync(timeFile, 'utf8').trim().split('\n');
    const [maxRssKb, userS, systemS] = lines.at(-1).split(' ').map(Number);
    peakRssKb = maxRssKb;
    cpuS = userS + systemS;
    rmSync(scratch, { recursive: true, force: true });
  }
  return {
    exitCode,
    wallMs,
    peakRssMb: peakRssKb / 1024,
    cpuS,
    stdout: Buffer.concat(stdout).toString('utf8'),
    stderr: Buffer.concat(stderr).toString('utf8'),
  };
}
