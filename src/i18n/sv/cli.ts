import type { Catalogue } from '../catalogue.js';

export const cli: Catalogue['cli'] = {
  warningPrefix: 'varning:',
  errorPrefix: 'fel:',
  stopping: 'Avbryter: gör klart det som redan skickas (Ctrl+C igen för att avbryta direkt).',
  interrupted: 'Avbrutet.',
  interruptedKept: 'Det som hann göras är sparat; kör samma kommando igen för att fortsätta.',
  internalError: (message) => `internt fel: ${message}`,
  internalErrorHint: 'Det här är ett fel i payslips. Kör igen med --debug för att se stackspårningen, och rapportera felet.',
  helpHint: '(kör med --help för hjälp)',
  unknownLanguage: (given) => `--lang / PAYSLIPS_LANG: payslips talar inte "${given}".`,
  unknownLanguageFix: 'Använd sv (svenska) eller en (engelska).',
  invalidOption: (flag, problem) => `${flag}: ${problem}`,
  optionProblem: {
    number: 'måste vara ett tal',
    wholeNumber: 'måste vara ett heltal',
    atLeast: (min) => `måste vara minst ${min}`,
    atMost: (max) => `får vara högst ${max}`,
    notEmpty: 'får inte vara tom',
    form: 'har inte rätt form',
    oneOf: (choices) => `måste vara en av ${choices}`,
    invalid: 'är inte giltig',
  },
  invalidOptionFix: (command) => `Se payslips ${command} --help.`,
  operatorName: (problem) => `PAYSLIPS_USER: ${problem}.`,
  operatorNameFix: 'Sätt PAYSLIPS_USER till ditt inloggningsnamn.',
};
