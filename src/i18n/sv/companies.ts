import type { Catalogue } from '../catalogue.js';

export const companies: Catalogue['companies'] = {
  none: 'Inget företag är upplagt i databasen ännu.',
  noneFix: 'Kör payslips activate (en guide i terminalen), eller payslips activate --org-number <orgnr> --name <namn>.',
  head: {
    orgNumber: 'Org.nr',
    name: 'Företag',
    environment: 'Miljö',
    ready: 'Klart att skicka',
    lastSend: 'Senaste utskick',
    notSent: 'Ej skickade lönekörningar',
  },
  ready: 'klart',
  payRunNotSent: (payoutDate, payslips) => `${payoutDate} (${payslips})`,
  andMore: (n) => `och ${n} till`,
  lastSend: (time, job) => `${time}, utskick ${job}`,
};
