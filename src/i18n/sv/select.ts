import type { Catalogue } from '../catalogue.js';

export const select: Catalogue['select'] = {
  badDate: (given) => `--date: "${given}" är inget datum; ange ÅÅÅÅ-MM-DD, today eller latest.`,
  noEmployeesGiven: '--employees: ange anställningsnummer eller personnummer, åtskilda med komma.',
  changedAndResend: '--changed och --resend: välj en. --changed skickar rättelserna av ändrade lönespecifikationer; --resend skickar levererade lönespecifikationer igen.',
  notSelected: (keys, _n) => `--employees: ${keys} har ingen lönespecifikation i det här urvalet.`,
  notSelectedFix: 'payslips select med samma --date och --status visar vilka som ingår.',

  column: { number: 'Anst.nr', name: 'Namn', personnummer: 'Personnummer', payRun: 'Lönekörning', status: 'Status', channel: 'Kanal', reason: 'Orsak' },
  payoutDate: (date, status) => `utbetalningsdag ${date} (${status})`,
  employees: (list) => `anställda ${list}`,
  changedOnly: 'ändrade sedan leveransen',
  resend: 'skicka igen',
  noPayRun: (status) =>
    status === 'final'
      ? 'Ingen definitiv lönekörning har importerats ännu.'
      : status === 'preliminary'
        ? 'Ingen preliminär lönekörning har importerats ännu.'
        : 'Ingen lönekörning har importerats ännu.',
  noPayslips: (selection) => `Inga lönespecifikationer för ${selection}.`,
  wouldDo: (payslips, selection) => `${payslips} för ${selection}; ett utskick skulle fördela dem så här:`,
  totals: { channel: 'Kanal', outcome: 'Utfall', payslips: 'Antal', netPay: 'Nettolön' },
  ofThese: (counts) => `Av dessa: ${counts}.`,
  finalAfterPreliminary: (n) => `${n} ${n === 1 ? 'definitiv lönespecifikation vars preliminära version' : 'definitiva lönespecifikationer vars preliminära versioner'} har levererats`,
  corrections: (n) => `${n} ${n === 1 ? 'rättelse' : 'rättelser'} av levererade lönespecifikationer`,
  resends: (n) => `${n} levererade tidigare, skickas igen (Kivra debiterar varje)`,
  failedBeforeCount: (n) => `${n} misslyckades tidigare och prövas inte igen förrän lönesystemet rättat ${n === 1 ? 'den' : 'dem'}`,
  changedWaiting: (n, command) =>
    `${n} ${n === 1 ? 'levererad lönespecifikation har' : 'levererade lönespecifikationer har'} ändrats sedan leveransen; ett vanligt utskick låter ${n === 1 ? 'den' : 'dem'} vara. Skicka ${n === 1 ? 'rättelsen' : 'rättelserna'} med: ${command}`,
  testPersonnummerWarning: (n) =>
    `${n} ${n === 1 ? 'anställd' : 'anställda'} i det här produktionsföretaget har ett av Skatteverkets testpersonnummer, som ingen verklig person har.`,
  failedBefore: (jobId) => `misslyckades tidigare${jobId === null ? '' : ` i utskick ${jobId}`}; prövas inte igen förrän uppgifterna ändras`,
  samordningsnummer: 'samordningsnummer',
  testPersonnummer: 'ett av Skatteverkets testpersonnummer',

  preview: {
    nameTheEmployee: 'Ange den anställde: payslips preview <anställningsnummer|personnummer> --date <datum>.',
    noPayRunFix: 'Importera en med payslips sync --from <exportfil>.',
    noPayRunOn: (date, status) => `Ingen lönekörning har utbetalningsdag ${date} (${status}).`,
    noPayRunOnFix: 'payslips preview <anställd> --date latest tar den senaste.',
    noPayslip: (employee, date, status) => `${employee} har ingen lönespecifikation med utbetalningsdag ${date} (${status}).`,
    noPayslipFix: 'payslips select med samma --date och --status visar vilka som har en.',
    ambiguous: (employee, n, date, status) => `${employee} har ${n} lönespecifikationer med utbetalningsdag ${date} (${status}); välj en med --status.`,
    ambiguousDetail: (payRun, status) => `lönekörning ${payRun}: ${status}`,
    cannotRender: (employee, payRun) => `Lönespecifikationen för anställd ${employee}, lönekörning ${payRun}, kan inte skapas.`,
    cannotRenderFix:
      'Ett utskick skulle registrera den som misslyckad (render_failed) och leverera de övriga. Kontrollera dess texter i exportfilen och mallen (payslips activate --template-dir default återgår till den inbyggda).',
    variant: { kivra: 'Kivra-lönespecifikationen', print: 'utskriftsversionen av lönespecifikationen' },
    what: (variant, who, payRun, status, payoutDate) => `${variant} för ${who}, lönekörning ${payRun} (${status}, utbetalning ${payoutDate})`,
    pages: (n) => `${n} ${n === 1 ? 'sida' : 'sidor'}`,
    wrote: (what, file, size) => `Skrev ${what} till ${file} (${size}).`,
    rendered: (what, size) => `Skapade ${what} (${size}).`,
    wouldDo: (channel, reason) => `Ett utskick med samma datum och status: ${channel} (${reason}).`,
    toPrintBatch: 'Den skulle hamna i utskriftsfilen; --print visar den versionen.',
    toKivra: 'Den skulle gå till Kivra; utan --print visas den versionen.',
    payload: (type, size, limit) => `Innehåll till Kivra (${type}): ${size} av Kivras gräns på ${limit}.`,
    notDelivered: (code, message) => `Ett utskick skulle inte leverera den här lönespecifikationen till Kivra (${code}): ${message}`,
  },
};
