import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { runInPty } from '../helpers/pty.js';
import { dropLocalTemplate, fixtureNetPay, kronorEn, kronorSv, localMonthEnd, remoteMonthEnd, type MonthEnd } from '../helpers/month-end.js';

/**
 * The send confirmation, on a real terminal: it names the company and the environment
 * (PRODUCTION stands out), shows count and net pay per channel rather than every row
 * (rows with --details), and asks nothing when nothing is to be sent.
 */

const sandboxes: MonthEnd[] = [];
afterEach(() => {
  for (const sb of sandboxes.splice(0)) sb.cleanup();
});
afterAll(() => dropLocalTemplate());

const net = fixtureNetPay('2025-11');
const RED = '\u001b[31m';

describe('the send confirmation', () => {
  test('in production: company and organisationsnummer, PRODUCTION in red, totals with net pay, no rows; no sends nothing', async () => {
    const sb = await remoteMonthEnd({ activate: ['--environment', 'production'] });
    sandboxes.push(sb);
    // Colour as on a person's terminal (the sandbox sets NO_COLOR).
    const session = runInPty(['send', '--date', '2025-11-25', '--employees', '1001,1003'], { ...sb.env, NO_COLOR: '' });
    await session.answer('Send 2 payslips of Ekbacken Bygg & Måleri AB (PRODUCTION) now?', 'n');
    const { code, output } = await session.exit();
    expect(code, output).toBe(4);
    expect(output).toContain('Company: Ekbacken Bygg & Måleri AB (organisationsnummer 556677-8899)');
    expect(output).toContain("Environment: PRODUCTION. The payslips go to the employees' own Kivra mailboxes");
    expect(session.raw()).toContain(`${RED}PRODUCTION`);
    expect(output).toContain('Selection: payout date 2025-11-25 (final), employees 1001, 1003');
    expect(output).toMatch(new RegExp(`Kivra\\s+1\\s+${kronorEn(net.get('1001')!)}`));
    expect(output).toMatch(new RegExp(`print\\s+1\\s+${kronorEn(net.get('1003')!)}`));
    expect(output).toMatch(new RegExp(`Total\\s+2\\s+${kronorEn(net.get('1001')! + net.get('1003')!)}`));
    // The totals, not every row: without --details no employee is listed.
    expect(output).not.toContain('Linnéa Bäckström');
    expect(output).toContain('Not sent.');

    // The same in Swedish: PRODUKTION, in red, and no English sentence.
    const sv = runInPty(['send', '--date', '2025-11-25', '--employees', '1001,1003', '--lang', 'sv'], { ...sb.env, NO_COLOR: '' });
    await sv.answer('Skicka 2 lönespecifikationer för Ekbacken Bygg & Måleri AB (PRODUKTION) nu?', 'n');
    const declined = await sv.exit();
    expect(declined.code, declined.output).toBe(4);
    expect(declined.output).toContain('Företag: Ekbacken Bygg & Måleri AB (organisationsnummer 556677-8899)');
    expect(declined.output).toContain('Miljö: PRODUKTION. Lönespecifikationerna går till de anställdas egna brevlådor i Kivra');
    expect(sv.raw()).toContain(`${RED}PRODUKTION`);
    expect(declined.output).toMatch(new RegExp(`Totalt\\s+2\\s+${kronorSv(net.get('1001')! + net.get('1003')!)}`));
    expect(declined.output).not.toContain('Linnéa Bäckström');
    expect(declined.output).toContain('Inget skickades.');
    expect(declined.output).not.toMatch(/\b(payslips?|Send|Company|Environment|Total|Not sent)\b/);
    expect(sb.kivra.state.contents).toEqual([]);
  });

  test('Swedish, with --details: every row, then the question; yes sends, and the summary has net pay per outcome', async () => {
    const sb = await localMonthEnd();
    sandboxes.push(sb);
    const session = runInPty(['send', '--date', 'latest', '--employees', '1001,1003', '--details', '--lang', 'sv'], sb.env);
    await session.answer('Skicka 2 lönespecifikationer för Ekbacken Bygg & Måleri AB (lokal emulator) nu?', 'y');
    const { code, output } = await session.exit();
    expect(code, output).toBe(0);
    expect(output).toMatch(/Anst\.nr\s+.*Namn\s+.*Lönekörning/);
    expect(output).toMatch(/1003\s+.*Linnéa Bäckström\s+.*utskrift/);
    expect(output).toContain('Företag: Ekbacken Bygg & Måleri AB (organisationsnummer 556677-8899)');
    expect(output).toContain('Miljö: lokal emulator');
    expect(output).toContain('Utskick 1 startat: 2 lönespecifikationer att hantera.');
    expect(output).toContain('Utskick 1 klart: lyckades. levererad 1, utskriven 1.');
    expect(output).toMatch(/Utfall\s+Antal\s+Nettolön/);
    expect(output).toMatch(new RegExp(`levererad\\s+1\\s+${kronorSv(net.get('1001')!)}`));
    expect(output).toMatch(new RegExp(`utskriven\\s+1\\s+${kronorSv(net.get('1003')!)}`));
    expect(output).toMatch(new RegExp(`Totalt\\s+2\\s+${kronorSv(net.get('1001')! + net.get('1003')!)}`));
    expect(output).toMatch(/Utskriftsfil: \S+print-job-1-\S+\.pdf \(1 lönespecifikation, 2 sidor varav 1 tom för dubbelsidig utskrift; förteckning /);
    expect(output.replaceAll(sb.dir, '')).not.toMatch(/\b(payslips?|Send|Job|Total|Channel|delivered)\b/);
  });

  test('nothing to send asks nothing: an empty selection, and one whose payslips can only fail', async () => {
    const sb = await localMonthEnd();
    sandboxes.push(sb);
    const empty = runInPty(['send', '--date', '2025-12-23'], sb.env);
    const none = await empty.exit();
    expect(none.code, none.output).toBe(0);
    expect(none.output).toContain('Nothing to send: no payslips match this selection.');

    // 1008 has no personnummer and 1010 is not flagged for Kivra: nothing goes out, the
    // job records the failure, and no "Send 0 payslips?" is asked.
    const failing = runInPty(['send', '--date', '2025-11-25', '--employees', '1008,1010'], sb.env);
    const failed = await failing.exit();
    expect(failed.code, failed.output).toBe(3);
    expect(failed.output).toContain('Nothing goes to Kivra or to the print batch; the job only records why these payslips cannot be sent.');
    expect(failed.output).toContain('Job 1 finished: failed. skipped 1, failed 1.');
    for (const { output } of [none, failed]) expect(output).not.toMatch(/now\?|\(y\/N\)/);
  });
});
