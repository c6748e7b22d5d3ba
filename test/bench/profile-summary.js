#!/usr/bin/env node
/**
 * Summarises V8 CPU profiles (from `npm run bench -- --cpu-prof <dir>`, or any
 * `node --cpu-prof` run): self time per function and per source file, heaviest first,
 * one block per profile (the main thread and each render worker write their own).
 *
 *   node test/bench/profile-summary.js <dir-or-file.cpuprofile>... [--top 20]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '20' } } });
const top = Number(values.top);

const files = positionals.flatMap((path) =>
  statSync(path).isDirectory()
    ? readdirSync(path, { recursive: true }).filter((f) => String(f).endsWith('.cpuprofile')).map((f) => join(path, String(f)))
    : [path],
);
if (files.length === 0) {
  process.stderr.write('usage: node test/bench/profile-summary.js <dir-or-file.cpuprofile>... [--top 20]\n');
  process.exit(2);
}

/** Where a frame's code lives, shortened to what a reader recognises. */
function place(frame) {
  const url = frame.url || '(native)';
  const short = url.replace(/^file:\/\//, '').replace(/^.*\/node_modules\//, 'node_modules/').replace(/^.*\/dist\//, 'dist/');
  return short;
}

for (const file of files.sort()) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map();
  // Samples are node ids; timeDeltas are the gaps before each sample, in microseconds.
  profile.samples.forEach((id, index) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));
  const totalUs = profile.endTime - profile.startTime;
  const functions = new Map();
  const sources = new Map();
  for (const [id, us] of selfUs) {
    const frame = byId.get(id).callFrame;
    const where = place(frame);
    const name = `${frame.functionName || '(anonymous)'}  ${where}:${frame.lineNumber + 1}`;
    functions.set(name, (functions.get(name) ?? 0) + us);
    const source = frame.url ? where.replace(/^(node_modules\/(@[^/]+\/)?[^/]+).*/, '$1') : frame.functionName || '(native)';
    sources.set(source, (sources.get(source) ?? 0) + us);
  }
  const percent = (us) => `${((us / totalUs) * 100).toFixed(1).padStart(5)} %`;
  const ms = (us) => `${(us / 1000).toFixed(0).padStart(7)} ms`;
  process.stdout.write(`\n== ${basename(file)}: ${(totalUs / 1e6).toFixed(2)} s, ${profile.samples.length} samples\n-- by source\n`);
  for (const [name, us] of [...sources].sort((a, b) => b[1] - a[1]).slice(0, top)) process.stdout.write(`${ms(us)} ${percent(us)}  ${name}\n`);
  process.stdout.write('-- by function (self time)\n');
  for (const [name, us] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, top)) process.stdout.write(`${ms(us)} ${percent(us)}  ${name}\n`);
}
