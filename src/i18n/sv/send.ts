import type { Catalogue } from '../catalogue.js';

export const send: Catalogue['send'] = {
  confirmationRequired: 'Utskicket måste bekräftas, och det finns ingen terminal att fråga i. Inget skickades.',
  confirmationRequiredFix: 'Kör payslips select med samma val för att granska, och skicka sedan med --yes.',
  printDirUnusable: (dir, existing) => `--print-dir: utskriftsfilen kan inte skrivas i ${dir} (${existing} är ingen katalog som går att skriva i). Inget skickades.`,
  running: (company, pid, host, jobId, since) => `Ett annat utskick för ${company} pågår (pid ${pid} på ${host}${jobId ? `, utskick ${jobId}` : ''}, sedan ${since}).`,
  runningFix: 'Vänta tills det är klart; payslips log visar hur det går.',
  resendWarning: (n) =>
    `${n} av de här lönespecifikationerna har levererats tidigare och skickas igen: den anställde kan få en andra kopia, och Kivra debiterar varje innehåll som tas emot.`,

  company: (name, orgNumber) => `Företag: ${name} (organisationsnummer ${orgNumber})`,
  environment: (environment) => `Miljö: ${environment}`,
  production: (environment) => `Miljö: ${environment}. Lönespecifikationerna går till de anställdas egna brevlådor i Kivra och utskriftsfilen ska postas.`,
  selection: (selection) => `Urval: ${selection}`,
  question: (payslips, company, environment) => `Skicka ${payslips} för ${company} (${environment}) nu?`,
  nothingToSend: 'Inget går till Kivra eller till utskriftsfilen; utskicket registrerar bara varför de här lönespecifikationerna inte kan skickas.',

  started: (jobId, resumed, payslips) => `Utskick ${jobId} ${resumed ? 'återupptaget' : 'startat'}: ${payslips} att hantera.`,
  sending: 'Skickar…',
  progress: (done, total, rate, secondsLeft) => `${done}/${total} lönespecifikationer, ${rate}/s${secondsLeft === null ? '' : `, cirka ${secondsLeft} s kvar`}`,
  declined: 'Inget skickades.',
  nothingMatches: 'Inget att skicka: inga lönespecifikationer matchar urvalet.',
  nothingFor: (date) => `Inget att skicka för utbetalningsdag ${date}: inget utskick startades.`,
  jobStatus: { succeeded: 'lyckades', failed: 'med fel', aborted: 'stoppat', interrupted: 'avbrutet' },
  finished: (jobId, status, counts) => `Utskick ${jobId} klart: ${status}. ${counts}.`,
  nothing: 'inget',
  printBatch: (description) => `Utskriftsfil: ${description}`,
  batchPages: (n) => `${n} ${n === 1 ? 'sida' : 'sidor'}`,
  batchBlankPages: (pages, blank) => `${pages} varav ${blank} ${blank === 1 ? 'tom' : 'tomma'} för dubbelsidig utskrift`,
  batch: (file, payslips, pages, manifest) => `${file} (${payslips}${pages === null ? '' : `, ${pages}`}; förteckning ${manifest})`,
  unresolved: (n) => `${n} ${n === 1 ? 'lönespecifikation' : 'lönespecifikationer'} i urvalet har inte skickats och väntar på en rättelse i lönesystemet:`,
  unresolvedLine: (employeeNumber, name, payRun, why) => `${employeeNumber} ${name} (lönekörning ${payRun}): ${why}`,
  unresolvedFix: 'Rätta dem i lönesystemet och kör sync; nästa utskick tar med dem.',
  changedNotSent: (n, command) =>
    `${n} ${n === 1 ? 'levererad lönespecifikation har' : 'levererade lönespecifikationer har'} ändrats sedan leveransen och skickades inte. Skicka ${n === 1 ? 'rättelsen' : 'rättelserna'} med: ${command}`,
  seeLog: (command) => `Se vilka som misslyckades och varför: ${command}`,
};
