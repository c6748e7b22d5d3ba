import type { Context } from '../../context.js';
import type { SendResult } from '../../workflows/send.js';
import { lazyArray } from '../json-document.js';
import { formatTotals } from './jobs.js';

export function sendJson(result: SendResult) {
  return {
    jobId: result.jobId,
    resumed: result.resumed,
    status: result.status,
    totals: result.totals,
    printBatch: result.printBatch,
    items: lazyArray(result.items),
    ...(result.abort ? { error: { code: result.abort.code, message: result.abort.message, ...(result.abort.suggestion ? { suggestion: result.abort.suggestion } : {}) } } : {}),
  };
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
      if (result.status === 'nothing_to_send') {
        terminal.info('Nothing to send: no payslips match this selection.');
        return;
      }
      if (result.status === 'declined') {
        terminal.info('Not sent.');
        return;
      }
      const line = `Job ${result.jobId} finished: ${result.status}. ${formatTotals(result.totals)}.`;
      if (result.status === 'succeeded') terminal.success(line);
      else terminal.failure(line);
      if (result.printBatch) terminal.info(`Print batch: ${result.printBatch.pdfPath} (${result.printBatch.count} payslip${result.printBatch.count === 1 ? '' : 's'}; manifest ${result.printBatch.manifestPath})`);
      if (result.abort) {
        const advice = result.abort.suggestion ? `${result.abort.suggestion}\n` : '';
        terminal.error(`${result.abort.message}\n${advice}What was done so far is kept; run the same command again to continue.`);
      }
      if (result.status === 'interrupted') terminal.info('Interrupted. What was done so far is kept; run the same command again to continue.');
      if (result.status === 'failed') terminal.info(`See which failed and why: payslips log ${result.jobId}`);
    },
  };
}
