import type { Catalogue } from '../catalogue.js';

export const readiness: Catalogue['readiness'] = {
  detail: { street: 'gatuadress', postal_code: 'postnummer', city: 'ort', email: 'e-postadress', phone: 'telefonnummer' },
  employerDetails: (names) => `arbetsgivarens ${names}`,
  detailsMissing: (details, n) => `${details} saknas, och Kivras lönespecifikation (salaryslip) kräver ${n === 1 ? 'den' : 'dem'}`,
  detailsMissingUntil: (details, _n, fix) => `${details} saknas; Kivras lönespecifikation (salaryslip) kräver det och utskick vägras tills det är angivet: ${fix}`,
  sendRefusesUntil: (details, _n, fix) => `utskick vägras tills ${details} är angivet (Kivras lönespecifikation kräver det): ${fix}`,
  detailsFix: (options) => `payslips activate ${options} (eller ange dem under company i exportfilen)`,
  blocker: {
    licence_off: 'licensen för Kivra är avstängd',
    link_inactive: 'programkopplingen är inte aktiv',
    send_payslips_off: 'Skicka lönespecifikationer är avstängt',
    tenant_key_missing: 'ingen avsändaridentitet (tenant key) är angiven',
    credentials_missing: (environment) => `inga inloggningsuppgifter till Kivra för miljön ${environment}`,
  },
  fix: {
    licence_off: 'payslips activate --licence on',
    link_inactive: 'payslips activate --active on',
    send_payslips_off: 'payslips activate --send-payslips on',
    tenant_key_missing: 'payslips activate --tenant-key <nyckel>',
    credentials_missing: 'sätt KIVRA_CLIENT_ID och KIVRA_CLIENT_SECRET, eller låt aktiveringsguiden komma ihåg dem',
  },
  cannotSend: (company, reasons) => `${company} kan inte skicka: ${reasons}.`,
  blockerWithFix: (message, fix) => `${message}: ${fix}`,
};
