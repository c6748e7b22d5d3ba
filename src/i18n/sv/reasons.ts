import type { Catalogue } from '../catalogue.js';

export const reasons: Catalogue['reasons'] = {
  channel: {
    not_flagged_for_kivra: 'inte markerad för Kivra i anställdaregistret',
    already_delivered: 'redan levererad',
    changed_since_delivery: 'ändrad sedan leveransen; send --changed skickar rättelsen',
    missing_personnummer: 'personnummer saknas',
    invalid_personnummer: 'personnumret är ogiltigt',
    duplicate_personnummer: 'en annan anställd har samma personnummer',
    has_mailbox: 'har en digital brevlåda i Kivra',
    print_no_mailbox: 'ingen brevlåda; printhantering',
    retain_no_mailbox: 'ingen brevlåda ännu; retroaktiv leverans hos Kivra',
    no_mailbox: 'ingen brevlåda, ingen printhantering, ingen retroaktiv leverans',
    mailbox_closed_print: 'Kivra kunde inte leverera (brevlådan finns inte längre); skrivs ut i stället',
    mailbox_closed: 'Kivra kunde inte leverera (brevlådan finns inte längre), och den kan inte skrivas ut',
  },
  warning: {
    print_address_incomplete: 'markerad för printhantering men adressen är ofullständig',
  },
  note: {
    final_after_preliminary: 'den preliminära levererad, den definitiva inte skickad',
    correction: 'ändrad sedan leveransen: en rättelse',
    resend: 'levererad tidigare; skickas igen',
  },
  invalidBecause: {
    format: 'inte ett personnummer (10 eller 12 siffror väntades, gärna med - eller + före de fyra sista)',
    date: 'ogiltigt: födelsedatumet finns inte eller ligger i framtiden',
    serial: 'ogiltigt: födelsenumret 000 delas aldrig ut',
    checksum: 'ogiltigt: kontrollsiffran är fel',
    interim: 'ett interimistiskt nummer (en bokstav i stället för en siffra), som Kivra inte kan leverera till',
  },
  notValid: 'ogiltigt',
  invalidPersonnummer: (entered, why) => `personnumret "${entered}" är ${why}`,
  withKivraAnswer: (reason, kivra) => `${reason}: ${kivra}`,
  payloadTooLarge: (size, limit) => `Innehållet till Kivra är ${size} byte, över Kivras gräns på ${limit} byte; det skickades inte. Se över mallens logotyp och teckenstorlekar.`,
  continuedInJob: (jobId) => `utfallet okänt här; utskick ${jobId} skickade samma innehåll igen`,
};
