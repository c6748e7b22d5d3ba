/**
 * The built-in Kivra emulator (from dist/) in a process of its own, for the benchmark:
 * the CLI under test and the posting floor both talk to it over loopback, and neither
 * shares an event loop or a core's worth of JSON validation with it.
 *
 * Started with fork(); takes its settings as one JSON argument, answers `{ url }` once
 * listening, `{ stats }` when sent `'stats'`, and `{ cpuS }` (its CPU time so far, user
 * and system) when sent `'cpu'`: on two cores, the emulator's CPU is taken from the send. Accepted bodies are counted and then
 * dropped: the emulator keeps every body for tests to inspect, which at 50,000 payslips
 * would measure the emulator's memory rather than the CLI's.
 */
import { readFileSync } from 'node:fs';
import { startKivraEmulator } from '../../dist/kivra/emulator/index.js';

const settings = JSON.parse(process.argv[2] ?? '{}');
const recipients = settings.recipientsFile ? JSON.parse(readFileSync(settings.recipientsFile, 'utf8')).list : [];
const stats = { requests: { auth: 0, tenant: 0, usermatch: 0, content: 0, other: 0 }, accepted: { delivered: 0, retained: 0, duplicate: 0 }, errors: {} };

let emulator;
emulator = await startKivraEmulator({
  acceptAnyCredentials: true,
  tenants: [{ key: settings.tenantKey, name: settings.name, companyIds: [{ name: settings.name, orgnr: `SE${settings.orgNumber}01` }] }],
  recipients,
  // No duplicate control: the posting floor sends the same payslips again, and both runs
  // should make the emulator do the same work. It also keeps no first copies in memory.
  duplicateControl: 'sandbox',
  faults: { latencyMs: settings.latencyMs ?? 0 },
  onRequest(entry) {
    stats.requests[entry.endpoint] += 1;
    if (entry.code) stats.errors[entry.code] = (stats.errors[entry.code] ?? 0) + 1;
    const contents = emulator?.state.contents;
    if (contents && contents.length > 0) {
      for (const record of contents) stats.accepted[record.outcome] += 1;
      contents.length = 0;
    }
  },
});

process.on('message', (message) => {
  if (message === 'stats') process.send({ stats });
  if (message === 'cpu') {
    const { user, system } = process.cpuUsage();
    process.send({ cpuS: (user + system) / 1e6 });
  }
  if (message === 'reset') {
    for (const group of [stats.requests, stats.accepted]) for (const key of Object.keys(group)) group[key] = 0;
    stats.errors = {};
    process.send({ reset: true });
  }
});
process.on('disconnect', () => {
  void emulator.close().then(() => process.exit(0));
});
process.send({ url: emulator.url });
