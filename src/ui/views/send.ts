import type { Context } from '../../context.js';
import type { ChannelReason } from '../../domain/channel.js';
import { maskEntered } from '../../domain/failure-message.js';
import { failureMessage } from '../../i18n/reasons.js';
import type { SendResult, UnresolvedPayslip } from '../../workflows/send.js';
import { lazyArray } from '../json-document.js';
import { formatTotals } from './jobs.js';
import { describePrintBatch } from './print-batch.js';

export function sendJson(result: SendResult) {
  return {
    jobId: result.jobId,
    resumed: result.resumed,
    status: result.status,
    payoutDate: result.payoutDate,
    totals: result.totals,
    printBatches: result.printBatches,
    unresolved: result.unresolved.map(({ local: _local, ...entry }) => entry),
    changedNotSent: result.changedNotSent,
    items: lazyArray(result.items),
    ...(result.abort ? { error: { code: result.abort.code, message: result.abort.message, ...(result.abort.suggestion ? { suggestion: result.abort.suggestion } : {}) } } : {}),
  };
}

/** One unresolved payslip as a line for a person (or a cron mail): an entered personnummer masked unless asked. */
function describeUnresolved(entry: UnresolvedPayslip, showPersonnummer: boolean): string {
  const message = entry.local
    ? failureMessage(entry.code as ChannelReason, { personnummerInput: entry.personnummerEntered, personnummerReason: entry.personnummerReason }, showPersonnummer ? undefined : maskEntered)
    : `${entry.code} ${entry.message}`;
  return `${entry.employeeNumber} ${entry.name} (pay run ${entry.payRun}): ${message}`;
}

/**
 * What a person sees during a send: "job N started", a spinner with count, rate and ETA
 * on a terminal (a few plain lines otherwise), and "job N finished" with the totals.
 */
export function createSendReporter(ctx: Context) {
  const { terminal } = ctx;
  let spinner: { text: string; stop(): void } | undefined;
  let startedAt = 0;
  let lastPlain = -1;
  return {
    started(jobId: number, resumed: boolean, toDo: number): void {
      startedAt = Date.now();
      terminal.info(`Job ${jobId} ${resumed ? 'resumed' : 'started'}: ${toDo} payslip${toDo === 1 ? '' : 's'} to handle.`);
      if (terminal.live && toDo > 0) {
        void import('ora').then(({ default: ora }) => {
          spinner ??= ora({ text: 'Sending…', stream: process.stderr }).start();
        });
      }
    },
    progress(done: number, total: number): void {
      const seconds = (Date.now() - startedAt) / 1000;
      const rate = seconds > 0 ? done / seconds : 0;
      const eta = rate > 0 ? Math.ceil((total - done) / rate) : 0;
      const text = `${done}/${total} payslips, ${rate.toFixed(1)}/s${done < total ? `, about ${eta}s left` : ''}`;
      if (spinner) {
        spinner.text = text;
        return;
      }
      if (terminal.live) return;
      // Off a terminal: a line at every quarter, so a cron log shows it moving.
      const quarter = Math.floor((done / total) * 4);
      if (quarter > lastPlain && total >= 20) {
        lastPlain = quarter;
        terminal.info(text);
      }
    },
    finished(result: SendResult): void {
      spinner?.stop();
      if (result.status === 'declined') {
        terminal.info('Not sent.');
        return;
      }
      if (result.status === 'nothing_to_send') {
        terminal.info(
          result.payoutDate === null
            ? 'Nothing to send: no payslips match this selection.'
            : `Nothing to send for payout date ${result.payoutDate}: no job was started.`,
        );
      } else {
        const line = `Job ${result.jobId} finished: ${result.status}. ${formatTotals(result.totals)}.`;
        if (result.status === 'succeeded') terminal.success(line);
        else terminal.failure(line);
      }
      for (const batch of result.printBatches) terminal.info(`Print batch: ${describePrintBatch(batch)}`);
      if (result.abort) {
        const advice = result.abort.suggestion ? `${result.abort.suggestion}\n` : '';
        terminal.error(`${result.abort.message}\n${advice}What was done so far is kept; run the same command again to continue.`);
      }
      if (result.status === 'interrupted') terminal.info('Interrupted. What was done so far is kept; run the same command again to continue.');
      if (result.unresolved.length > 0) {
        const n = result.unresolved.length;
        terminal.failure(`${n} payslip${n === 1 ? '' : 's'} of this selection ${n === 1 ? 'is' : 'are'} not sent and wait${n === 1 ? 's' : ''} for a fix in the payroll system:`);
        for (const entry of result.unresolved) terminal.info(`  ${describeUnresolved(entry, ctx.showPersonnummer)}`);
        terminal.info('Correct them in the payroll system and run sync; the next send takes them.');
      }
      if (result.changedNotSent > 0 && result.payoutDate !== null) {
        const n = result.changedNotSent;
        terminal.warn(`${n} delivered payslip${n === 1 ? ' has' : 's have'} changed since delivery and ${n === 1 ? 'was' : 'were'} not sent. Send the correction${n === 1 ? '' : 's'} with: payslips send --date ${result.payoutDate} --changed`);
      }
      if (result.jobId !== null && (result.status === 'failed' || result.unresolved.some((u) => u.jobId === result.jobId))) terminal.info(`See which failed and why: payslips log ${result.jobId}`);
    },
  };
}
