import type { Catalogue } from '../catalogue.js';

export const help: Catalogue['help'] = {
  titles: {
    usage: 'Användning:',
    options: 'Flaggor:',
    globalOptions: 'Globala flaggor (alla kommandon):',
    commands: 'Kommandon:',
    arguments: 'Argument:',
    examples: 'Exempel:',
  },
  usage: { options: '[flaggor]', command: '[kommando]' },
  extra: {
    choices: (list) => `val: ${list}`,
    default: (value) => `standard: ${value}`,
  },
  helpOption: 'visa hjälp för kommandot',
  versionOption: 'visa versionen',
  helpCommand: 'visa hjälp för ett kommando',
  program: {
    description: 'Skicka lönespecifikationer till de anställdas brevlådor i Kivra, och en utskriftsfil för övriga.',
    examples: [
      ['payslips activate', 'lägg upp företaget (en guide i terminalen)'],
      ['payslips sync --from lon/2025-11/payroll.json', 'läs in löneexporten och fråga Kivra vilka som har brevlåda'],
      ['payslips send --date 2025-11-25 --status preliminary', 'skicka de preliminära lönespecifikationerna för den 25:e'],
      ['payslips log', 'utskicken, senaste först'],
    ],
    afterExamples: 'payslips <kommando> --help visar flaggorna för varje kommando.',
  },
  global: {
    db: 'SQLite-databasfil (env PAYSLIPS_DB; standard: användarens datakatalog)',
    company: 'företaget att arbeta med (env PAYSLIPS_COMPANY; standard: det enda)',
    json: 'skriv ett JSON-dokument på stdout, även vid fel; ingen färg, snurra eller fråga',
    yes: 'svara ja på bekräftelser och fråga aldrig',
    showPersonnummer: 'visa personnummer i sin helhet på skärmen',
    debug: 'visa stackspårning vid interna fel',
    lang: 'språk för det som visas (env PAYSLIPS_LANG; standard: sv när LANG säger sv, annars en)',
  },
  activate: {
    description: 'lägg upp ett företag: licens, programkoppling (avsändaridentitet, miljö, retroaktiv leverans, skicka, printhantering, aktiv). Utan flaggor i en terminal: en guide.',
    options: {
      orgNumber: 'organisationsnummer för företaget som ska läggas upp eller ändras',
      name: 'företagets namn',
      street: 'företagets gatuadress',
      postalCode: 'företagets postnummer',
      city: 'företagets ort',
      email: 'företagets e-postadress (visas på lönespecifikationen)',
      phone: 'företagets telefonnummer, i en form Kivra tar emot (08-123 45 67, +46 8 123 45 67)',
      licence: 'licens: Lönespecifikationer till Kivra',
      tenantKey: 'avsändaridentitet (tenant key) i Kivra: 42 tecken, som Kivra gav den',
      environment: 'Kivra-miljö',
      apiUrl: 'Kivras API-adress uttryckligen (https://, eller http:// på loopback); "default" tar bort den',
      retentionDays: 'retroaktiv leverans: dagar Kivra sparar en lönespecifikation åt den som ännu saknar brevlåda: 0 (ingen), 30 eller 390',
      sendPayslips: 'skicka lönespecifikationer till Kivra',
      print: 'printhantering: en PDF som arbetsgivaren skriver ut och postar, för anställda utan brevlåda',
      active: 'programkopplingen aktiv',
      contentType: 'innehållstyp i Kivra',
      templateDir: 'katalog med företagets egen mall för lönespecifikationen; "default" tar bort den',
      applyToEmployees: 'tillämpa en ändrad inställning för skicka/printhantering på alla anställda (krävs utan terminal)',
      check: 'logga in i den valda Kivra-miljön och läs avsändaren',
    },
    examples: [
      ['payslips activate', 'guiden: frågar efter varje inställning, visar en sammanfattning och sparar sedan'],
      ['payslips activate --org-number 556677-8899 --name "Ekbacken Bygg AB" --licence on --environment sandbox --tenant-key <key> --send-payslips on --print on --active on --apply-to-employees yes', 'samma sak från ett skript'],
      ['payslips activate --check', 'anslut till Kivra och läs avsändaren'],
    ],
  },
  employees: {
    description: 'personalregistret: Kivra- och utskriftsmarkeringar',
    list: {
      description: 'lista anställda med markeringar och brevlådestatus',
      options: { kivra: 'bara anställda med denna Kivra-markering', print: 'bara anställda med denna utskriftsmarkering' },
      examples: [
        ['payslips employees list', 'alla, med maskerade personnummer'],
        ['payslips employees list --kivra off', 'vilka som inte får sin lönespecifikation i Kivra'],
      ],
    },
    set: {
      description: 'ändra markeringar för anställda, med anställningsnummer eller personnummer, eller --all',
      arguments: { employees: 'anställningsnummer eller personnummer' },
      options: { all: 'alla anställda i företaget', kivra: 'Skicka lönespecifikationer via Kivra', print: 'Tillåt printhantering (en PDF som arbetsgivaren skriver ut och postar)' },
      examples: [
        ['payslips employees set 1004 --kivra off', 'anställd 1004 får inga lönespecifikationer i Kivra'],
        ['payslips employees set --all --print on', 'alla utan brevlåda kommer med i utskriftsfilen'],
      ],
    },
    show: {
      description: 'en anställd: uppgifterna i registret och varje lönespecifikation (lönekörning, kanal, utfall, när, Kivras innehållsnyckel, rättelser, fel)',
      arguments: { employee: 'anställningsnummer eller personnummer' },
      examples: [['payslips employees show 1003', '"Jag fick aldrig min lönespecifikation": hur det gick med var och en']],
    },
  },
  payruns: {
    description: 'lönekörningarna i löneexporten',
    list: {
      description: 'lönekörningar, senaste utbetalningsdag först: period, utbetalningsdag (för send --date), status, lönespecifikationer levererade, väntande hos Kivra, utskrivna, misslyckade och ej skickade, nettolön',
      examples: [['payslips payruns list', 'välj utbetalningsdagen att skicka']],
    },
  },
  companies: {
    description: 'företagen (klienterna) i databasen',
    list: {
      description: 'alla företag: organisationsnummer, namn, miljö, redo att skicka eller vad som hindrar, senaste utskicket (✔/✘ och när), lönekörningar som inte skickats',
      examples: [['payslips companies list', 'en lönebyrås klienter i en överblick']],
    },
  },
  users: {
    description: 'användare och deras roller (admin, payroll, viewer), för alla företag eller per företag',
    rights:
      'Rättigheter: read (läsa), sync (importera), kivra-flag (ändra de anställdas Kivra-flagga), print-flag (ändra de anställdas printflagga), send (skicka), settings (företagsinställningar), users (hantera användare).\n' +
      'Roller: admin (administratör) har alla rättigheter; payroll (lönehandläggare): read, sync, kivra-flag, print-flag, send; viewer (läsare): read.\n' +
      '--company <orgnr> (kommaseparerat eller upprepat; PAYSLIPS_COMPANY räknas inte här): rollen gäller bara de företagen, i stället för rollen för alla företag. Utan den: alla företag.\n' +
      'Att hantera användare (users) ingår bara i en roll för alla företag.',
    add: {
      description: 'ge en användare en roll: för alla företag, eller med --company för de företagen (ersätter rollen där)',
      arguments: { name: 'användarnamn (PAYSLIPS_USER eller inloggningsnamnet)' },
      options: {
        role: 'admin: allt; payroll: read, sync, kivra-flag, print-flag, send; viewer: bara läsa',
        without: 'undanta rättigheter ur rollen: sync, kivra-flag, print-flag, send, settings, users (kommaseparerat eller upprepat)',
      },
      examples: [
        ['payslips users add eva --role payroll', 'Eva får läsa in och skicka, för alla företag'],
        ['payslips users add eva --role payroll --company 556677-8899,559999-9991', 'Eva får arbeta med bara de här två kunderna'],
        ['payslips users add olle --role payroll --without send', 'Olle ändrar flaggor och läser in, men skickar aldrig'],
      ],
    },
    list: {
      description: 'lista användare: vem som får göra vad, för vilket företag',
      examples: [['payslips users list', 'vem som får göra vad']],
    },
    remove: {
      description: 'ta bort en användare, eller med --company bara användarens roller för de företagen',
      arguments: { name: 'användarnamn' },
      examples: [
        ['payslips users remove eva', 'Eva får inte längre använda databasen'],
        ['payslips users remove eva --company 559999-9991', 'Eva har inte längre någon egen roll för den kunden'],
      ],
    },
  },
  sync: {
    description: 'läs in löneexporten (JSON-fil eller CSV-katalog) och fråga sedan Kivra vilka som har brevlåda',
    options: {
      from: 'payroll.json, eller en katalog med employees.csv, pay_runs.csv, payslips.csv, payslip_lines.csv',
      offline: 'bara import; fråga inte Kivra om brevlådor',
    },
    examples: [
      ['payslips sync --from lon/2025-11/payroll.json', 'läs in och kontrollera brevlådor'],
      ['payslips sync --from lon/2025-11/ --offline', 'läs in en CSV-katalog utan att fråga Kivra'],
    ],
  },
  selection: {
    date: 'utbetalningsdag: ÅÅÅÅ-MM-DD, today eller latest',
    status: 'lönekörningens status (final = definitiv, preliminary = preliminär)',
    employees: 'bara dessa anställda: anställningsnummer eller personnummer, kommaseparerade',
    changed: 'bara lönespecifikationer som ändrats sedan de levererades: rättelserna',
    resend: 'ta med lönespecifikationer som redan levererats (Kivra debiterar varje igen)',
  },
  select: {
    description: 'visa vad ett utskick med samma flaggor skulle göra, utan att skicka',
    examples: [
      ['payslips select --date 2025-11-25 --status preliminary', 'vad ett preliminärt utskick skulle göra, med summor'],
      ['payslips select --date latest', 'den senaste definitiva lönekörningen'],
    ],
  },
  send: {
    description: 'skicka de valda lönespecifikationerna till Kivra, och en utskriftsfil för övriga',
    options: {
      concurrency: 'antal lönespecifikationer på väg till Kivra samtidigt',
      printDir: 'var utskriftsfilen hamnar (standard: print/ bredvid databasen)',
      details: 'visa varje lönespecifikation i bekräftelsen, inte bara summorna per kanal',
    },
    examples: [
      ['payslips send --date 2025-11-25 --status preliminary', 'de preliminära lönespecifikationerna; frågar först'],
      ['payslips send --date 2025-11-25 --yes', 'de definitiva lönespecifikationerna, från cron'],
      ['payslips send --date 2025-11-25 --changed', 'rättelserna av lönespecifikationer som ändrats sedan leveransen'],
      ['payslips send --date 2025-11-25 --details', 'varje lönespecifikation i bekräftelsen, inte bara summorna'],
    ],
  },
  preview: {
    description: 'gör en lönespecifikation precis som utskicket skulle, till en PDF-fil (eller - för stdout)',
    arguments: { employee: 'anställningsnummer eller personnummer' },
    options: {
      out: 'var PDF:en skrivs; - för stdout (standard: lonespecifikation-<lönekörning>-<anställd>.pdf här)',
      print: 'utskriftsvarianten, med adressen i kuvertfönstret',
    },
    examples: [['payslips preview 1001 --date 2025-11-25', 'lönespecifikationen för anställd 1001 som PDF-fil här']],
  },
  log: {
    description: 'utskick, senaste först; ett utskicks lönespecifikationer; dess CSV-logg; eller granskningsloggen',
    arguments: { jobId: 'visa detta utskicks lönespecifikationer' },
    options: {
      csv: 'skriv utskickets CSV-logg till en fil, eller till stdout utan fil eller med -',
      excel: 'CSV för svenska Excel: semikolon, byte-order mark, lokal tid, personnummer som text, rubriker på svenska',
      audit: 'visa granskningsloggen: ändrade inställningar, markeringar och roller, utskick',
      allCompanies: 'utskicken för alla företag i databasen, med företaget på varje rad',
      limit: 'högst så här många rader',
    },
    examples: [
      ['payslips log', 'utskicken med ✔/✘'],
      ['payslips log 12', 'utskick 12:s lönespecifikationer och hur det gick för varje'],
      ['payslips log 12 --csv utskick.csv --excel', 'samma sak som fil för Excel'],
      ['payslips log --all-companies', 'alla klienters utskick, för en lönebyrå'],
    ],
  },
  doctor: {
    description: 'kontrollera databasen: SQLite-integritet, schemaversion, oavslutade utskick, ett kvarglömt utskickslås; säger hur vart och ett åtgärdas',
    options: {
      fix: 'åtgärda det som är säkert att åtgärda: ta bort ett kvarglömt lås och ofärdiga utskriftsfiler, gör databasen, inloggningsuppgifterna, utskriftsfilerna och CSV-loggarna läsbara bara för ägaren',
    },
    examples: [['payslips doctor', 'kontrollera; payslips doctor --fix åtgärdar sedan det som är säkert']],
  },
  demo: {
    description: 'kör hela flödet på exempelföretaget mot den inbyggda Kivra-emulatorn',
    examples: [['payslips demo', 'en månadslön på exempeldata, i en tillfällig katalog']],
  },
  kivraEmulator: {
    description: 'kör den inbyggda Kivra-emulatorn i förgrunden på 127.0.0.1, för att prova testmiljöflödet för hand',
    options: {
      port: 'port på 127.0.0.1; 0 väljer en ledig',
      tenantKey: 'avsändaridentiteten den betjänar (42 hexadecimala tecken)',
      tenantName: 'avsändarens namn, som activate --check visar det',
      orgNumber: 'avsändarens organisationsnummer',
      clientId: 'klient-id den godtar (standard payslips-emulator)',
      clientSecret: 'klienthemlighet den godtar (standard: en ny slumpad, som skrivs ut)',
      recipients: 'vilka som har brevlåda: {"list": ["ÅÅÅÅMMDDNNNN", …]}',
      noDuplicateControl: 'leverera identiska dokument igen, som Kivras testmiljö gör',
      latency: 'fördröj varje svar så här många millisekunder',
      failEvery: 'svara på var n:e innehållsförfrågan med 503',
    },
    examples: [['payslips kivra-emulator --port 8443 --recipients fixtures/kivra-recipients.json', 'ett Kivra att prova activate --api-url mot']],
  },
  errors: {
    unknownOption: (flag, suggestion) => `okänd flagga ${flag}${suggestion}`,
    unknownCommand: (name, suggestion) => `okänt kommando ${name}${suggestion}`,
    didYouMean: (candidate) => ` (menade du ${candidate}?)`,
    missingArgument: (name) => `argumentet ${name} saknas`,
    optionMissingArgument: (flags) => `flaggan ${flags} behöver ett värde`,
    missingMandatoryOption: (flags) => `flaggan ${flags} måste anges`,
    invalidChoice: (flags, value, choices) => `flaggan ${flags}: "${value}" är inte en av ${choices}`,
    excessArguments: (command, expected, got) => `för många argument till ${command}: väntade ${expected}, fick ${got}`,
  },
};
