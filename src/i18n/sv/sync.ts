import type { Catalogue } from '../catalogue.js';

const sentence = (text: string): string => text.replace(/\.?$/, '.');

/** `definitiv`, `definitiva`: the status as an adjective, agreeing with the count. */
const statusWord = (status: 'preliminary' | 'final', n: number): string =>
  status === 'final' ? (n === 1 ? 'definitiv' : 'definitiva') : n === 1 ? 'preliminär' : 'preliminära';

export const sync: Catalogue['sync'] = {
  imported: (from, format, company) => `Importerade ${from} (${format}) till ${company}.`,
  label: { employees: 'Anställda', payRuns: 'Lönekörningar', payslips: 'Lönespecifikationer', warnings: 'Varningar' },
  counts: (added, updated, unchanged) => `${added} nya, ${updated} ändrade, ${unchanged} oförändrade`,
  changedCount: (n, shown) => `${shown} ${n === 1 ? 'ändrad' : 'ändrade'} sedan leveransen`,
  changedSinceDelivery: (n, shown, status, payoutDate, command) =>
    `${shown} ${n === 1 ? 'levererad' : 'levererade'} ${statusWord(status, n)} ${n === 1 ? 'lönespecifikation' : 'lönespecifikationer'} har ändrats sedan leveransen (utbetalningsdag ${payoutDate}). Skicka ${n === 1 ? 'rättelsen' : 'rättelserna'} med: ${command}`,
  finalNow: (n, shown, payoutDate, command) =>
    `${shown} ${n === 1 ? 'lönespecifikation är definitiv' : 'lönespecifikationer är definitiva'} nu (utbetalningsdag ${payoutDate}); bara den preliminära versionen har levererats. ${command} skickar ${n === 1 ? 'den definitiva' : 'de definitiva'}.`,
  samePersonnummer: (employees, personnummer) =>
    `anställda ${employees} har samma personnummer (${personnummer}); inget skickas till någon av dem (duplicate_personnummer) förrän lönesystemet rättar det.`,
  testPersonnummer: (n, employees) =>
    `${n === 1 ? 'anställd' : 'anställda'} ${employees} i detta företag i produktion har ett av Skatteverkets testpersonnummer, som ingen verklig person har.`,
  mailboxes: (withMailbox, checked) => `Brevlådor i Kivra: ${withMailbox} av ${checked} anställda markerade för Kivra kan ta emot.`,

  refused: (from, _n, shown) => `${from} kan inte importeras: ${shown} problem. Inget har sparats.`,
  companyMismatch: (inExport, given) => `Exporten gäller organisationsnummer ${inExport}, inte ${given}.`,
  companyMismatchFix: 'Kontrollera att det är rätt export, eller utelämna --company / PAYSLIPS_COMPANY.',
  sendRunning: (company, job, pid, host) =>
    `Ett utskick för ${company} pågår (${job === null ? '' : `utskick ${job}, `}pid ${pid} på ${host}); sync skulle ändra lönespecifikationerna det skickar. Inget har importerats.`,
  sendRunningFix: 'Kör sync igen när utskicket är klart (payslips log visar det).',

  importKept: (problem) => `${sentence(problem)} Själva importen är sparad; bara brevlådekontrollen saknas.`,
  unanswered: (_n, shown, list) => `Inget svar om brevlåda ännu för ${shown} anställda: ${list}.`,
  andMore: (shown) => `${shown} till`,
  allAnsweredBefore: 'Alla anställda som ska frågas har kvar svaret från en tidigare brevlådekontroll.',
  retryWhenKivraAnswers: 'Kör samma sync igen när Kivra svarar: importen hittar inget att ändra och brevlådorna kontrolleras. Lägg till --offline för att importera utan att fråga Kivra.',
  retryAfterInterrupt: 'Kör samma sync igen för att kontrollera brevlådorna: importen hittar inget att ändra. Lägg till --offline för att importera utan att fråga Kivra.',
  retryAfterProblem: 'Rätta det och kör sedan samma sync igen för att kontrollera brevlådorna (importen hittar inget att ändra), eller lägg till --offline för att importera utan att fråga Kivra.',
  retryAfterFix: (fix) => `${sentence(fix)} Kör sedan samma sync igen för att kontrollera brevlådorna (importen hittar inget att ändra), eller lägg till --offline för att importera utan att fråga Kivra.`,
};
