import type { Catalogue } from '../catalogue.js';

export const payruns: Catalogue['payruns'] = {
  none: (company) => `${company} har inga lönekörningar ännu: importera lönefilen med payslips sync.`,
  head: {
    payRun: 'Lönekörning',
    period: 'Löneperiod',
    payoutDate: 'Utbetalningsdag',
    status: 'Status',
    payslips: 'Lönespec.',
    delivered: 'Levererade',
    retained: 'Väntar hos Kivra',
    printed: 'Utskrivna',
    skipped: 'Hoppades över',
    failed: 'Misslyckade',
    notSent: 'Ej skickade',
    netPay: 'Nettolön',
  },
  nextToSend: (payRun, command) => `Granska lönekörning ${payRun} innan den skickas: ${command}`,
};
