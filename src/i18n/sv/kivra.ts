import type { Catalogue } from '../catalogue.js';

export const kivra: Catalogue['kivra'] = {
  unreachable: (answer) => `Det gick inte att nå Kivra: ${answer}`,
  noAnswer: (answer) => `Kivra svarade inte: ${answer}`,
  unavailable: (answer) => `Kivra är inte tillgängligt just nu: ${answer}`,
  unreachableFix: 'Kör samma kommando igen när Kivra svarar.',
  credentialsRejected: (answer) => `Kivra godtog inte inloggningsuppgifterna: ${answer}`,
  credentialsRejectedFix: 'Kontrollera KIVRA_CLIENT_ID och KIVRA_CLIENT_SECRET (eller de sparade inloggningsuppgifterna) för den här miljön.',
  tenantNotFound: (tenantKey, answer) => `Kivra känner inte till avsändaridentiteten (tenant key) ${tenantKey}, eller så får de här inloggningsuppgifterna inte använda den: ${answer}`,
  tenantNotFoundFix: 'Rätta den med payslips activate --tenant-key <nyckel>, exakt som Kivra angav den, och testa den sedan med payslips activate --check.',
  doing: { tenant: 'läsa avsändaren', usermatch: 'kontrollera brevlådor', content: 'skicka innehåll' },
  forbidden: (doing, tenantKey, answer) => `Kivra låter inte de här inloggningsuppgifterna ${doing} för avsändaridentiteten ${tenantKey}: ${answer}`,
  forbiddenFix: 'Be Kivra ge klienten den behörigheten för avsändaren, och kontrollera avsändaridentiteten med payslips activate --check.',
  unexpected: (answer) => `Kivra gav ett svar som payslips inte kan hantera: ${answer}`,
  unexpectedFix: 'Kontrollera miljö och API-adress med payslips activate --check; stämmer de, ge Kivras avsändarsupport x-correlation-id.',
};
