import type { Catalogue } from '../catalogue.js';

export const tools: Catalogue['tools'] = {
  demo: {
    intro: (company) => `payslips demo: månadslönen för ${company} mot den inbyggda Kivra-emulatorn.`,
    database: (path) => `Databas: ${path}`,
    activate: '1. Aktivera företaget: licens, programkoppling, retroaktiv leverans 390 dagar, printhantering.',
    sync: '2. Läs in löneexporten och fråga Kivra vilka som har brevlåda.',
    select: (payRun, payoutDate) => `3. Se vad ett utskick av lönekörningen ${payRun} (utbetalningsdag ${payoutDate}) skulle göra.`,
    send: '4. Skicka: till Kivra för den som har brevlåda, retroaktiv leverans för den som kan skaffa en, utskriftsfil för övriga.',
    log: '5. Loggen.',
    done: 'Klart.',
    csvLog: (path) => `CSV-logg:     ${path}`,
    printBatch: (path) => `Utskriftsfil: ${path}`,
    noPrintBatch: '(ingen)',
    tryIt: (db, jobId) => `Databas:      ${db}  (prova: PAYSLIPS_DB=${db} payslips log ${jobId})`,
    stepFailed: (command, status) => `Demosteget "${command}" avslutades med ${status}.`,
  },
  emulator: {
    noColon: 'inget kolon eller blanksteg',
    listening: (url) => `Kivra-emulatorn lyssnar på ${url} (Ctrl+C för att stoppa)`,
    labels: { tenantKey: 'avsändaridentitet', tenant: 'avsändare', clientId: 'klient-id', clientSecret: 'klienthemlighet', duplicateControl: 'dubblettkontroll', recipients: 'mottagare' },
    testCredential: '(en testuppgift för just denna emulator)',
    duplicateOn: 'på, som i produktion',
    duplicateOff: 'av, som i testmiljön',
    withMailbox: (n) => `${n} med brevlåda`,
    pointACompany: 'Peka ett företag mot den:',
    stopped: 'Kivra-emulatorn stoppad.',
    stoppedInterrupted: 'Kivra-emulatorn stoppad (avbruten).',
    dropped: 'tappad',
    cannotListen: (port, code) => `--port ${port}: kan inte lyssna på 127.0.0.1:${port} (${code}).`,
    cannotListenFix: 'Välj en annan --port, eller --port 0 för vilken ledig som helst.',
  },
};
