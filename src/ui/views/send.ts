import type { Context } from '../../context.js';
import type { ChannelReason } from '../../domain/channel.js';
import { maskEntered } from '../../domain/failure-message.js';
import { formatOrgNumber } from '../../domain/format.js';
import type { Company } from '../../domain/types.js';
import { t } from '../../i18n/catalogue.js';
import { count } from '../../i18n/locale.js';
import { failureMessage } from '../../i18n/reasons.js';
import type { Outcome } from '../../store/send-jobs.js';
import type { SelectedEmployee, Selection } from '../../workflows/selection.js';
import type { SendResult, UnresolvedPayslip } from '../../workflows/send.js';
import { paint, type Styled } from '../colour.js';
import { lazyArray } from '../json-document.js';
import { describePrintBatch, printBatchJson } from './print-batch.js';
import { describeSelection, printSelectionNotes, selectionTable, selectionTotals } from './selection.js';
import { totalsText } from './totals.js';

const OUTCOMES: readonly Outcome[] = ['delivered', 'retained', 'printed', 'skipped', 'failed'];

/** `send --json` (docs/json.md): the job, its totals with net pay in öre, every payslip; no internal row ids. */
export function sendJson(result: SendResult) {
  const total = OUTCOMES.reduce((sum, outcome) => sum + result.netPayOre[outcome], 0);
  return {
    jobId: result.jobId,
    resumed: result.resumed,
    status: result.status,
    payoutDate: result.payoutDate,
    totals: { ...result.totals, netPayOre: { ...result.netPayOre, total } },
    printBatches: result.printBatches.map(printBatchJson),
    unresolved: result.unresolved.map(({ local: _local, ...entry }) => entry),
    changedNotSent: result.changedNotSent,
    items: lazyArray(result.items),
    ...(result.abort ? { error: { code: result.abort.code, message: result.abort.message, ...(result.abort.suggestion ? { suggestion: result.abort.suggestion } : {}) } } : {}),
  };
}

/** The payslips a send delivers or prints: the question is about these, never about the others. */
export function payslipsToSend(selection: Selection<SelectedEmployee>): number {
  return selection.totals.kivra + selection.totals.retain + selection.totals.print;
}

/** `text` with `word` in it painted: the environment stands out in the sentence that names it. */
function paintWithin(text: string, word: string, colour: 'error' | 'info'): Styled {
  const at = text.indexOf(word);
  if (at < 0) return text;
  return [text.slice(0, at), paint(colour, word), text.slice(at + word.length)];
}

/**
 * What a careful administrator checks before saying yes: which company, which environment
 * (PRODUCTION in red and in capitals), which payslips, and their count and net pay per
 * channel to hold against the payroll system. Every payslip only with `--details`.
 */
export function printSendPlan(ctx: Context, company: Company, selection: Selection<SelectedEmployee>, details: boolean): void {
  const { terminal } = ctx;
  const words = t().send;
  if (details) terminal.result(selectionTable(ctx, selection));
  terminal.info(words.company(company.name, formatOrgNumber(company.orgNumber)));
  const environment = company.settings.environment;
  const named = t().common.environment[environment];
  terminal.info(environment === 'production' ? paintWithin(words.production(named), named, 'error') : words.environment(named));
  terminal.info(words.selection(describeSelection(ctx, selection)));
  terminal.info(selectionTotals(selection));
  printSelectionNotes(ctx, company, selection, (text) => terminal.info(text));
}

/** The question, naming how many payslips go, whose, and where. */
export function sendQuestion(company: Company, selection: Selection<SelectedEmployee>): string {
  const n = payslipsToSend(selection);
  return t().send.question(t().common.payslips(n, count(n)), company.name, t().common.environment[company.settings.environment]);
}

/** One unresolved payslip as a line for a person (or a cron mail): an entered personnummer masked unless asked. */
function describeUnresolved(entry: UnresolvedPayslip, showPersonnummer: boolean): string {
  const message = entry.local
    ? failureMessage(entry.code as ChannelReason, { personnummerInput: entry.personnummerEntered, personnummerReason: entry.personnummerReason }, showPersonnummer ? undefined : maskEntered)
    : `${entry.code} ${entry.message}`;
  return t().send.unresolvedLine(entry.employeeNumber, entry.name, entry.payRun, message);
}

/** `delivered 3, retained 2, printed 2, skipped 1, failed 2`, in the run's language. */
function outcomeCounts(totals: Record<Outcome, number>): string {
  const outcome = t().common.outcome;
  return OUTCOMES.filter((o) => totals[o] > 0).map((o) => `${outcome[o]} ${count(totals[o])}`).join(', ') || t().send.nothing;
}

/** Count and net pay per outcome, and the job's total. */
function outcomeTotals(result: SendResult): string {
  const outcome = t().common.outcome;
  return totalsText(t().select.totals.outcome, OUTCOMES.map((o) => ({ label: outcome[o], payslips: result.totals[o], netPayOre: result.netPayOre[o] })));
}

/**
 * What a person sees during a send: "job N started", a spinner with count, rate and ETA
 * on a terminal (a few plain lines otherwise), and "job N finished" with the totals.
 */
export function createSendReporter(ctx: Context) {
  const { terminal } = ctx;
  const words = t().send;
  let spinner: { text: string; stop(): void } | undefined;
  let startedAt = 0;
  let lastPlain = -1;
  return {
    started(jobId: number, resumed: boolean, toDo: number): void {
      startedAt = Date.now();
      terminal.info(words.started(jobId, resumed, t().common.payslips(toDo, count(toDo))));
      if (terminal.live && toDo > 0) {
        void import('ora').then(({ default: ora }) => {
          spinner ??= ora({ text: words.sending, stream: process.stderr }).start();
        });
      }
    },
    progress(done: number, total: number): void {
      const seconds = (Date.now() - startedAt) / 1000;
      const rate = seconds > 0 ? done / seconds : 0;
      const eta = rate > 0 ? Math.ceil((total - done) / rate) : 0;
      const text = words.progress(done, total, rate.toFixed(1), done < total ? eta : null);
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
        terminal.info(words.declined);
        return;
      }
      if (result.status === 'nothing_to_send') {
        terminal.info(result.payoutDate === null ? words.nothingMatches : words.nothingFor(result.payoutDate));
      } else {
        const line = words.finished(result.jobId!, words.jobStatus[result.status], outcomeCounts(result.totals));
        if (result.status === 'succeeded') terminal.success(line);
        else terminal.failure(line);
        terminal.info(outcomeTotals(result));
      }
      for (const batch of result.printBatches) terminal.info(words.printBatch(describePrintBatch(batch)));
      if (result.abort) {
        const advice = result.abort.suggestion ? `${result.abort.suggestion}\n` : '';
        terminal.error(`${result.abort.message}\n${advice}${t().cli.interruptedKept}`);
      }
      if (result.status === 'interrupted') terminal.info(`${t().cli.interrupted} ${t().cli.interruptedKept}`);
      if (result.unresolved.length > 0) {
        terminal.failure(words.unresolved(result.unresolved.length));
        for (const entry of result.unresolved) terminal.info(`  ${describeUnresolved(entry, ctx.showPersonnummer)}`);
        terminal.info(words.unresolvedFix);
      }
      if (result.changedNotSent > 0 && result.payoutDate !== null) {
        terminal.warn(words.changedNotSent(result.changedNotSent, `payslips send --date ${result.payoutDate} --changed`));
      }
      if (result.jobId !== null && (result.status === 'failed' || result.unresolved.some((u) => u.jobId === result.jobId))) terminal.info(words.seeLog(`payslips log ${result.jobId}`));
    },
  };
}
