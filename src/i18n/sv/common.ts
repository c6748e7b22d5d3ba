import type { Catalogue } from '../catalogue.js';

export const common: Catalogue['common'] = {
  // Flex HRM and Visma Lön say Utskrift and Retroaktiv leverans; so do we.
  channel: { kivra: 'Kivra', print: 'utskrift', retain: 'retroaktiv leverans', skip: 'hoppas över', fail: 'kan inte skickas' },
  payRunStatus: { preliminary: 'preliminär', final: 'definitiv', any: 'alla statusar' },
  outcome: { delivered: 'levererad', retained: 'väntar hos Kivra', printed: 'utskriven', skipped: 'hoppades över', failed: 'misslyckad', pending: 'ej skickad', sending: 'skickas' },
  environment: { production: 'PRODUKTION', sandbox: 'testmiljö (sandbox)', local: 'lokal emulator' },
  onOff: { on: 'på', off: 'av' },
  yes: 'ja',
  no: 'nej',
  none: 'inga',
  total: 'Totalt',
  payslips: (n, shown) => `${shown} lönespecifikation${n === 1 ? '' : 'er'}`,
  employees: (n, shown) => `${shown} ${n === 1 ? 'anställd' : 'anställda'}`,
  andList: (items) => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} och ${items.at(-1)!}`),
};
