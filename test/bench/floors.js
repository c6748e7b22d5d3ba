import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createKivraClient } from '../../dist/kivra/client.js';
import { createRenderPool } from '../../dist/render/render-pool.js';
import { openDatabase } from '../../dist/store/database.js';
import { getEmployeesByIds } from '../../dist/store/employees.js';
import { listPayRuns, loadPayslips } from '../../dist/store/payroll.js';
import { listItems } from '../../dist/store/send-jobs.js';
import { resolveCompany } from '../../dist/workflows/session.js';
import { measureChild } from './measure-child.js';

/**
 * The floors the end-to-end send is compared with, measured in the same run, each with
 * nothing else going on:
 * - plain pdf-lib: as many one-page documents as the send has payslips (a title and 14
 *   rows of text in the built-in Helvetica), through pdf-lib's public API in one thread
 *   of a process of its own (plain-floor.js): what the library itself costs, the floor
 *   issue 19 measures the send against;
 * - render: the send job's payslips through the same worker-thread render pool the CLI
 *   uses (one thread per core), documents loaded from the same database;
 * - post: the payloads that render produced, posted to the same emulator with the
 *   project's Kivra client at the same concurrency, read one by one from a file.
 * None holds more than the payslips in flight: the payloads go to disk in between.
 */

const PLAIN_FLOOR = join(dirname(fileURLToPath(import.meta.url)), 'plain-floor.js');

export async function measurePlainFloor(count) {
  const run = await measureChild(process.execPath, [PLAIN_FLOOR, String(count)]);
  if (run.exitCode !== 0) throw new Error(`plain-floor.js exited ${run.exitCode}\n${run.stderr}`);
  const { wallMs, bytes } = JSON.parse(run.stdout);
  return { wallMs, rendered: count, avgBytes: bytes / count, peakRssMb: run.peakRssMb, cpuS: run.cpuS };
}

const LOAD_CHUNK = 200;

/** The job's payslips as the render tasks the send made of them, in chunks. */
function* renderTasks(db, company, jobId, generatedAt) {
  const payRuns = new Map(listPayRuns(db, company.id).map((r) => [r.id, r]));
  const items = listItems(db, jobId).filter((i) => i.channel === 'kivra' || i.channel === 'retain' || i.channel === 'print');
  for (let start = 0; start < items.length; start += LOAD_CHUNK) {
    const chunk = items.slice(start, start + LOAD_CHUNK);
    const payslips = loadPayslips(db, chunk.map((i) => i.payslipId));
    const employees = getEmployeesByIds(db, [...payslips.values()].map((p) => p.employeeId));
    for (const item of chunk) {
      const payslip = payslips.get(item.payslipId);
      const doc = { company, employee: employees.get(payslip.employeeId), payRun: payRuns.get(payslip.payRunId), payslip };
      const templateDir = company.settings.templateDir;
      yield item.channel === 'print'
        ? { kind: 'print', doc, templateDir }
        : { kind: 'payload', doc, templateDir, generatedAt, sourceSystem: 'payslips' };
    }
  }
}

export async function measureRenderFloor({ dbPath, orgNumber, jobId, payloadFile }) {
  const db = openDatabase(dbPath);
  const company = resolveCompany(db, orgNumber);
  const pool = createRenderPool();
  const out = openSync(payloadFile, 'w');
  const tasks = renderTasks(db, company, jobId, new Date().toISOString());
  let rendered = 0;
  let payloads = 0;
  let payloadBytes = 0;
  let failed = 0;
  const started = performance.now();
  // Two tasks per thread in flight keep every worker busy without queueing the job.
  const worker = async () => {
    for (let next = tasks.next(); !next.done; next = tasks.next()) {
      const result = await pool.run(next.value);
      rendered += 1;
      if (!result.ok) {
        failed += 1;
        continue;
      }
      if (result.kind !== 'payload') continue;
      const length = Buffer.alloc(4);
      length.writeUInt32BE(result.json.byteLength);
      writeSync(out, length);
      writeSync(out, result.json);
      payloads += 1;
      payloadBytes += result.json.byteLength;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, pool.threads) * 2 }, worker));
  const wallMs = performance.now() - started;
  closeSync(out);
  await pool.close();
  db.close();
  return { wallMs, rendered, failed, payloads, payloadBytes, threads: pool.threads };
}

/** Reads the length-prefixed payloads written by the render floor, one at a time. */
function payloadReader(path) {
  const fd = openSync(path, 'r');
  let position = 0;
  const header = Buffer.alloc(4);
  return {
    next() {
      if (readSync(fd, header, 0, 4, position) < 4) return null;
      const body = Buffer.alloc(header.readUInt32BE(0));
      readSync(fd, body, 0, body.length, position + 4);
      position += 4 + body.length;
      return body;
    },
    close: () => closeSync(fd),
  };
}

export async function measurePostFloor({ url, tenantKey, payloadFile, concurrency }) {
  const client = createKivraClient({ baseUrl: url, clientId: 'bench', clientSecret: 'bench' });
  const reader = payloadReader(payloadFile);
  const outcomes = { delivered: 0, retained: 0, failed: 0 };
  // The token is fetched before the clock starts, as the CLI has one before it sends.
  await client.getTenant(tenantKey);
  const started = performance.now();
  const worker = async () => {
    for (let body = reader.next(); body; body = reader.next()) {
      try {
        const result = await client.sendContent(tenantKey, body);
        outcomes[result.retained ? 'retained' : 'delivered'] += 1;
      } catch {
        outcomes.failed += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const wallMs = performance.now() - started;
  reader.close();
  client.close();
  return { wallMs, ...outcomes, posted: outcomes.delivered + outcomes.retained + outcomes.failed };
}
