#!/usr/bin/env node
/**
 * `npm run bench`: issues 8 and 19's benchmark. Generates a synthetic employer, then through
 * the BUILT CLI (run `npm run build` first) imports it (`sync --offline`) and sends it
 * (`send`) to the built-in Kivra emulator, started in its own process with a latency per
 * answer; then measures the floors (plain pdf-lib, render only, post only), the same send
 * again at a slow Kivra's latency with its post floor, `payslips --help`, and a small
 * baseline company for memory flatness. Prints a table, the targets with PASS/FAIL, and
 * one JSON line. Exits 0 unless --strict and a target failed. Not part of `npm test`:
 * timings are not assertions.
 *
 *   npm run bench -- --employees 1000 --latency-ms 20
 *   npm run bench -- --help
 */
import { fork } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, freemem, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { measureChild, peakRssMethod } from './measure-child.js';
import { checkTargets, printReport, summaryJson } from './report.js';
import { COMPANY, PAY_RUN, personnummerFor, planEmployees, writePayrollExport } from './synthetic-company.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '..', '..');
const BIN = join(REPO, 'bin', 'payslips.js');
const TEST_PERSONNUMMER = resolve(REPO, 'src', 'vendor', 'testdata', 'skatteverket-testpersonnummer.json');

const USAGE = `usage: npm run bench -- [options]

  --employees <n>      employees (= payslips) in the synthetic company (default 5000)
  --latency-ms <ms>    the emulator's delay before every answer (default 0)
  --slow-latency-ms <ms>
                       also send a second company of the same size with this latency, and
                       post the first one's payloads at it (default 150; 0 skips)
  --concurrency <n>    send --concurrency, and the post floor's (default 8, the CLI's default)
  --baseline <n>       also sync+send a company of n for memory flatness; 0 skips (default 1000)
  --import <n>         also import (only) a company of n, for the import target; 0 skips
                       (default 50000; skipped when --employees is n)
  --help-runs <n>      how many times to time payslips --help (default 5)
  --cpu-prof <dir>     write V8 CPU profiles of the sync and send children to <dir>
  --skip-floors        skip the floors and the slow send (memory and import runs at large n)
  --keep               keep the temporary directory (database, export, print batch)
  --strict             exit 1 when a target fails
`;

const { values: opts } = parseArgs({
  options: {
    employees: { type: 'string', default: '5000' },
    'latency-ms': { type: 'string', default: '0' },
    'slow-latency-ms': { type: 'string', default: '150' },
    concurrency: { type: 'string', default: '8' },
    baseline: { type: 'string', default: '1000' },
    import: { type: 'string', default: '50000' },
    'help-runs': { type: 'string', default: '5' },
    'cpu-prof': { type: 'string' },
    'skip-floors': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    strict: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (opts.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const positive = (name, allowZero = false) => {
  const value = Number(opts[name]);
  if (!Number.isInteger(value) || value < (allowZero ? 0 : 1)) {
    process.stderr.write(`--${name} must be a ${allowZero ? 'non-negative' : 'positive'} integer, not ${opts[name]}\n${USAGE}`);
    process.exit(2);
  }
  return value;
};
const employees = positive('employees');
const latencyMs = positive('latency-ms', true);
const slowLatencyMs = positive('slow-latency-ms', true);
const concurrency = positive('concurrency');
const baselineSize = positive('baseline', true);
const importSize = positive('import', true);
const helpRuns = positive('help-runs');
const cpuProfDir = opts['cpu-prof'] ? resolve(opts['cpu-prof']) : null;

if (!existsSync(join(REPO, 'dist', 'cli.js'))) {
  process.stderr.write('dist/ is missing: run npm run build first (the benchmark measures the built CLI).\n');
  process.exit(2);
}
const say = (text) => process.stderr.write(`bench: ${text}\n`);

const { measurePlainFloor, measureRenderFloor, measurePostFloor } = await import('./floors.js');

const work = mkdtempSync(join(tmpdir(), 'payslips-bench-'));
const emulators = [];
try {
  const machine = {
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGb: Number((totalmem() / 2 ** 30).toFixed(1)),
    freeGb: Number((freemem() / 2 ** 30).toFixed(1)),
    node: process.versions.node,
    loadBefore: loadavg().map((l) => l.toFixed(2)).join(' '),
  };
  const floors = !opts['skip-floors'];
  const main = await benchCompany('main', employees, { floors, keepPayloads: floors && slowLatencyMs > 0 });
  const slow = floors && slowLatencyMs > 0 ? await benchSlowSend(employees, slowLatencyMs, main.payloadFile) : null;
  const baseline = baselineSize > 0 && baselineSize !== employees ? await benchCompany('baseline', baselineSize, { floors: false }) : null;
  const importOnly = importSize > 0 && importSize !== employees ? await benchImport(importSize) : null;
  const help = await measureHelp(helpRuns);
  const result = { at: new Date().toISOString(), machine, latencyMs, concurrency, rssMethod: peakRssMethod(), ...main, slow, baseline, importOnly, help };
  const targets = checkTargets(result);
  printReport(result, targets);
  process.stdout.write(`${JSON.stringify(summaryJson(result, targets))}\n`);
  if (opts.keep) say(`kept ${work}`);
  process.exitCode = opts.strict && targets.some((t) => !t.pass) ? 1 : 0;
} catch (error) {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 2;
} finally {
  for (const emulator of emulators) emulator.disconnect();
  if (!opts.keep) rmSync(work, { recursive: true, force: true });
}

/** The company's database, and a runner of the built CLI for it, measured; `profile` writes a CPU profile with --cpu-prof. */
function companyCli(name, dir) {
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: dir,
    NO_COLOR: '1',
    TZ: 'Europe/Stockholm',
    PAYSLIPS_DB: join(dir, 'payslips.db'),
    PAYSLIPS_USER: 'bench',
    XDG_CONFIG_HOME: join(dir, 'config'),
    XDG_DATA_HOME: join(dir, 'share'),
    KIVRA_CLIENT_ID: 'bench',
    KIVRA_CLIENT_SECRET: 'bench',
  };
  const cli = async (label, args, { profile = false } = {}) => {
    const nodeArgs = profile && cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${join(cpuProfDir, `${name}-${label}`)}`] : [];
    const run = await measureChild(process.execPath, [...nodeArgs, BIN, ...args], { env });
    if (run.exitCode !== 0) throw new Error(`payslips ${args.join(' ')} exited ${run.exitCode}\n${run.stderr}${run.stdout}`);
    return run;
  };
  return { cli, dbPath: env.PAYSLIPS_DB };
}

function activateArgs(apiUrl) {
  return [
    'activate', '--org-number', COMPANY.orgNumber, '--name', COMPANY.name, '--licence', 'on', '--environment', 'sandbox',
    '--api-url', apiUrl, '--tenant-key', COMPANY.tenantKey, '--retention-days', '390', '--send-payslips', 'on',
    '--print', 'on', '--active', 'on', '--apply-to-employees', 'no',
  ];
}

/** Only the import of a company of `count`, into an activated database: the 10 s target is for 50,000. */
async function benchImport(count) {
  const name = `import-${count}`;
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  say(`${name}: generating ${count} employees`);
  const exportPath = join(dir, 'payroll.json');
  const written = await writePayrollExport(exportPath, planEmployees(count, personnummerFor(count, TEST_PERSONNUMMER)));
  const { cli } = companyCli(name, dir);
  // Never asked: the import is --offline.
  await cli('activate', activateArgs('http://127.0.0.1:9'));
  say(`${name}: sync --offline (${written.rows} rows)`);
  const sync = await cli('sync', ['sync', '--from', exportPath, '--offline', '--json'], { profile: true });
  const added = JSON.parse(sync.stdout).payslips.added;
  if (added !== count) throw new Error(`sync added ${added} payslips, expected ${count}`);
  return { payslips: count, rows: written.rows, sync: { wallMs: sync.wallMs, peakRssMb: sync.peakRssMb } };
}

/**
 * One company from nothing to a finished send job; `floors` adds the three floors, and
 * `keepPayloads` keeps the render floor's payloads for the slow send's post floor.
 */
async function benchCompany(name, count, { floors, keepPayloads = false, latency = latencyMs }) {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  say(`${name}: generating ${count} employees`);
  const plans = planEmployees(count, personnummerFor(count, TEST_PERSONNUMMER));
  const exportPath = join(dir, 'payroll.json');
  const written = await writePayrollExport(exportPath, plans);
  const recipientsFile = join(dir, 'recipients.json');
  writeFileSync(recipientsFile, JSON.stringify({ list: plans.filter((p) => p.kind === 'kivra' || p.kind === 'skip').map((p) => p.personnummer) }));
  const emulator = await startEmulator({ latencyMs: latency, recipientsFile, tenantKey: COMPANY.tenantKey, orgNumber: COMPANY.orgNumber.replace('-', ''), name: COMPANY.name });

  const { cli, dbPath } = companyCli(name, dir);
  await cli('activate', activateArgs(emulator.url));
  say(`${name}: sync --offline (${written.rows} rows)`);
  const sync = await cli('sync', ['sync', '--from', exportPath, '--offline', '--json'], { profile: true });
  const imported = JSON.parse(sync.stdout);
  if (imported.payslips.added !== count) throw new Error(`sync added ${imported.payslips.added} payslips, expected ${count}`);

  say(`${name}: send (${count} payslips, concurrency ${concurrency}, latency ${latency} ms)`);
  const emulatorCpuBefore = await emulatorCpu(emulator);
  const send = await cli('send', ['send', '--date', PAY_RUN.payout_date, '--yes', '--json', '--concurrency', String(concurrency), '--print-dir', join(dir, 'print')], { profile: true });
  const emulatorCpuS = (await emulatorCpu(emulator)) - emulatorCpuBefore;
  const sent = JSON.parse(send.stdout);
  const expected = { delivered: 0, retained: 0, printed: 0, skipped: 0, failed: 0 };
  for (const plan of plans) expected[{ kivra: 'delivered', retain: 'retained', print: 'printed', skip: 'skipped' }[plan.kind]] += 1;
  // The totals also carry net pay per outcome (netPayOre); the plan is about counts.
  const counts = Object.fromEntries(Object.keys(expected).map((k) => [k, sent.totals[k]]));
  if (JSON.stringify(counts) !== JSON.stringify(expected)) {
    throw new Error(`send totals ${JSON.stringify(counts)} differ from the plan ${JSON.stringify(expected)}`);
  }
  const handled = Object.values(counts).reduce((a, b) => a + b, 0);

  const result = {
    employees: count,
    payslips: written.payslips,
    rows: written.rows,
    lines: written.lines,
    handled,
    sync: { wallMs: sync.wallMs, peakRssMb: sync.peakRssMb },
    send: { wallMs: send.wallMs, peakRssMb: send.peakRssMb, cpuS: send.cpuS, emulatorCpuS, totals: counts, jobId: sent.jobId },
    emulatorUrl: emulator.url,
  };
  if (!floors) return result;

  say(`${name}: plain pdf-lib floor (${count} documents, one thread)`);
  result.plainFloor = await measurePlainFloor(count);
  say(`${name}: render floor`);
  const payloadFile = join(dir, 'payloads.bin');
  result.renderFloor = await measureRenderFloor({ dbPath, orgNumber: COMPANY.orgNumber, jobId: sent.jobId, payloadFile });
  if (result.renderFloor.failed > 0) throw new Error(`${result.renderFloor.failed} payslips failed to render in the render floor`);
  say(`${name}: post floor (${result.renderFloor.payloads} payloads)`);
  result.postFloor = await measurePostFloor({ url: emulator.url, tenantKey: COMPANY.tenantKey, payloadFile, concurrency });
  if (result.postFloor.failed > 0) throw new Error(`${result.postFloor.failed} payloads failed in the post floor`);
  if (keepPayloads) result.payloadFile = payloadFile;
  else rmSync(payloadFile, { force: true });
  return result;
}

/**
 * The same send at a slow Kivra's latency (a company of its own, the same payslips), and
 * the post floor at that latency and the same concurrency: the payloads the main company's
 * render floor wrote, posted to this send's emulator. When Kivra is slow the posts are
 * the limit, and the send should take little longer than posting alone.
 */
async function benchSlowSend(count, latency, payloadFile) {
  const name = `slow-${latency}ms`;
  const result = await benchCompany(name, count, { floors: false, latency });
  say(`${name}: post floor`);
  const postFloor = await measurePostFloor({ url: result.emulatorUrl, tenantKey: COMPANY.tenantKey, payloadFile, concurrency });
  if (postFloor.failed > 0) throw new Error(`${postFloor.failed} payloads failed in the slow post floor`);
  rmSync(payloadFile, { force: true });
  return { latencyMs: latency, payslips: result.payslips, handled: result.handled, send: result.send, postFloor };
}

function startEmulator(settings) {
  return new Promise((resolvePromise, reject) => {
    const child = fork(join(HERE, 'emulator-process.js'), [JSON.stringify(settings)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    emulators.push(child);
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the emulator exited ${code} before it listened`)));
    child.once('message', (message) => resolvePromise({ url: message.url, child }));
  });
}

/** The emulator process's CPU time so far, in seconds. */
function emulatorCpu(emulator) {
  return new Promise((resolvePromise) => {
    const listen = (message) => {
      if (typeof message?.cpuS !== 'number') return;
      emulator.child.off('message', listen);
      resolvePromise(message.cpuS);
    };
    emulator.child.on('message', listen);
    emulator.child.send('cpu');
  });
}

/** `payslips --help` wall time from spawn to exit, median of several runs; bare `node -e 0` beside it. */
async function measureHelp(runs) {
  const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const help = [];
  const bare = [];
  for (let i = 0; i < runs; i++) {
    const run = await measureChild(process.execPath, [BIN, '--help'], { env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' } });
    if (run.exitCode !== 0 || !run.stdout.includes('Usage: payslips')) throw new Error(`payslips --help exited ${run.exitCode}: ${run.stderr}`);
    help.push(run.wallMs);
    bare.push((await measureChild(process.execPath, ['-e', '0'])).wallMs);
  }
  return { runs, medianMs: median(help), nodeMedianMs: median(bare) };
}
