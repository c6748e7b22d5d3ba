import type { Catalogue } from '../catalogue.js';

export const data: Catalogue['data'] = {
  text: {
    tooLong: (length, maxLength) => `${length} tecken; högst ${maxLength} godtas`,
    contains: (character) => `innehåller ${character}`,
    hidden: {
      line_break: (label) => `en radbrytning (${label})`,
      control: (label) => `ett styrtecken (${label})`,
      format: (label) => `ett osynligt formateringstecken (${label})`,
    },
  },
  personnummer: {
    format: 'inte ett personnummer (10 eller 12 siffror väntas, eventuellt med - eller + före de fyra sista)',
    date: 'inte ett personnummer: födelsedatumet finns inte eller ligger i framtiden',
    serial: 'inte ett personnummer: födelsenumret 000 delas aldrig ut',
    checksum: 'inte ett giltigt personnummer: kontrollsiffran är fel',
    interim: 'ett interimsnummer (en bokstav i stället för en siffra), som Kivra inte kan leverera till',
  },
  orgNumber: {
    format: 'inte ett organisationsnummer (10 siffror väntas, t.ex. 556677-8899)',
    checksum: 'inte ett giltigt organisationsnummer: kontrollsiffran är fel',
    not_an_organisation: 'inte ett organisationsnummer: tredje siffran är lägre än 2 och det är inte heller ett personnummer',
  },
  decimal: {
    empty: 'tomt',
    format: 'inte ett tal',
    currency: 'valutatecken som "kr" godtas inte; ange bara talet',
    exponent: 'exponentform godtas inte; skriv ut talet',
    thousands_separator: 'tusentalsavgränsare godtas inte',
    decimal_comma: 'använd decimalpunkt (decimalkomma godtas bara i CSV)',
    too_many_decimals: (maxDecimals) => `högst ${maxDecimals} decimaler godtas`,
    out_of_range: (maxIntegerDigits) => `för stort: högst ${maxIntegerDigits} siffror före decimaltecknet`,
  },
  problems: (problems) => problems.join('; '),
};
