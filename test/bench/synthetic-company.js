import { createWriteStream, readFileSync } from 'node:fs';
import { once } from 'node:events';

/**
 * A synthetic employer for the benchmark: N employees and one final pay run whose
 * payslips look like a Swedish payroll system's (10–15 lines: monthly salary, overtime,
 * OB, sick-pay deductions, vacation, benefits, and net lines such as expenses and union
 * fees) and add up the way docs/import-format.md requires. Deterministic for a given N and seed, so two
 * runs import the same bytes.
 *
 * The export is written as a stream: at 50,000 employees it is over 100 MB of JSON and
 * building it as one string would measure the generator, not the CLI.
 */

export const COMPANY = {
  orgNumber: '559900-0006',
  name: 'Benchmark Kommun Service AB',
  tenantKey: '1700000000' + 'b'.repeat(32),
};

export const PAY_RUN = { id: '2026-11', payout_date: '2026-11-25', period_start: '2026-11-01', period_end: '2026-11-30' };

/** Shares of the synthetic workforce; the rest have a Kivra mailbox. */
const SHARE_NOT_FLAGGED = 0.005; // kivra off in the register: skipped
const SHARE_PRINT = 0.02; // no mailbox, print flag on, full address: print batch
const SHARE_NO_MAILBOX = 0.08; // no mailbox, not print: retained (retention 390 days)

const FIRST = ['Anna', 'Erik', 'Maria', 'Lars', 'Karin', 'Johan', 'Eva', 'Anders', 'Sara', 'Per', 'Åsa', 'Örjan', 'Linnéa', 'Jörgen', 'Märta', 'Göran', 'Émile', 'Ingrid', 'Mohammed', 'Fatima', 'Noah', 'Elsa'];
const LAST = ['Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Olsson', 'Persson', 'Svensson', 'Gustafsson', 'Öberg', 'Åkerlund', 'Bäckström', 'Sjöström', 'Håkansson', 'Nyström', 'Lindqvist', 'Ali', 'Hassan', 'Nordström'];
const STREETS = ['Storgatan', 'Kyrkogatan', 'Järnvägsgatan', 'Skolgatan', 'Ängsvägen', 'Björkvägen', 'Östra Vallgatan', 'Södra Esplanaden', 'Lillgatan', 'Kvarngatan'];
const CITIES = [['111 22', 'Stockholm'], ['222 21', 'Lund'], ['211 42', 'Malmö'], ['411 05', 'Göteborg'], ['753 20', 'Uppsala'], ['582 24', 'Linköping'], ['901 84', 'Umeå']];

/** A small, seeded PRNG (mulberry32): the same company every run. */
export function createRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = (random, list) => list[Math.floor(random() * list.length)];
const between = (random, low, high) => low + Math.floor(random() * (high - low + 1));

/** Öre as the export's decimal string: 3200050 → "32000.50". */
export function kronor(ore) {
  const sign = ore < 0 ? '-' : '';
  const abs = Math.abs(ore);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

function luhnDigit(digits) {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

/**
 * Personnummer for N people: Skatteverket's reserved test numbers (born 1940–2006, so
 * they are of working age) first; beyond those, samordningsnummer built from dates
 * with a valid check digit, since a big employer outnumbers the test list.
 */
export function personnummerFor(count, testListPath) {
  const reserved = JSON.parse(readFileSync(testListPath, 'utf8')).filter((p) => {
    const year = Number(p.slice(0, 4));
    return year >= 1940 && year <= 2006;
  });
  const result = reserved.slice(0, count);
  const seen = new Set(result);
  const random = createRandom(4711);
  while (result.length < count) {
    const year = between(random, 1950, 2005);
    const month = String(between(random, 1, 12)).padStart(2, '0');
    const day = String(between(random, 1, 28) + 60);
    // Birth number 000 is never assigned: our own import refuses it, rightly.
    const serial = String(between(random, 1, 999)).padStart(3, '0');
    const ten = `${String(year).slice(2)}${month}${day}${serial}`;
    const full = `${year}${month}${day}${serial}${luhnDigit(ten)}`;
    if (seen.has(full)) continue;
    seen.add(full);
    result.push(full);
  }
  return result;
}

/** Who is who: the channel the benchmark expects each employee to end up in. */
export function planEmployees(count, personnummer) {
  const random = createRandom(1234);
  return Array.from({ length: count }, (_, index) => {
    const roll = random();
    const kind = roll < SHARE_NOT_FLAGGED ? 'skip' : roll < SHARE_NOT_FLAGGED + SHARE_PRINT ? 'print' : roll < SHARE_NOT_FLAGGED + SHARE_PRINT + SHARE_NO_MAILBOX ? 'retain' : 'kivra';
    return { number: String(100001 + index), personnummer: personnummer[index], kind };
  });
}

function employeeRecord(random, plan) {
  const [postalCode, city] = pick(random, CITIES);
  return {
    employee_number: plan.number,
    personnummer: `${plan.personnummer.slice(0, 8)}-${plan.personnummer.slice(8)}`,
    first_name: pick(random, FIRST),
    last_name: pick(random, LAST),
    address: { street: `${pick(random, STREETS)} ${between(random, 1, 120)}`, postal_code: postalCode, city },
    email: random() < 0.5 ? `anstalld${plan.number}@example.se` : null,
    employment_end: null,
    kivra: plan.kind !== 'skip',
    print: plan.kind === 'print',
  };
}

function line(code, text, kind, amountOre, extra = {}) {
  return { code, text, kind, quantity: extra.quantity ?? null, unit: extra.unit ?? null, rate: extra.rateOre === undefined ? null : kronor(extra.rateOre), amount: kronor(amountOre) };
}

/** Quantity × rate in öre, rounded as payroll systems do (to the öre). */
const times = (quantity, rateOre) => Math.round(quantity * rateOre);

/** 10–15 lines whose figures add up (docs/import-format.md). */
export function payslipRecord(random, plan) {
  const monthlyOre = between(random, 250, 650) * 10_000; // 25,000–65,000 kr
  const hourlyOre = Math.round(monthlyOre / 174);
  const lines = [line('011', 'Månadslön', 'gross', monthlyOre, { quantity: '1', unit: 'mån', rateOre: monthlyOre })];
  const optional = [
    () => {
      const hours = between(random, 1, 20);
      const rate = Math.round(hourlyOre * 1.5);
      return line('310', 'Övertid 50 %', 'gross', times(hours, rate), { quantity: String(hours), unit: 'tim', rateOre: rate });
    },
    () => {
      const hours = between(random, 2, 40);
      return line('320', 'OB-tillägg kväll', 'gross', times(hours, 5_480), { quantity: String(hours), unit: 'tim', rateOre: 5_480 });
    },
    () => {
      const hours = between(random, 2, 16);
      return line('321', 'OB-tillägg helg', 'gross', times(hours, 11_250), { quantity: String(hours), unit: 'tim', rateOre: 11_250 });
    },
    () => line('410', 'Karensavdrag', 'gross', -Math.round(((monthlyOre * 12) / 52 / 5) * 0.8)),
    () => {
      const days = between(random, 1, 5);
      const perDay = Math.round((monthlyOre * 12) / 365);
      return line('411', 'Sjukavdrag dag 2–14', 'gross', -times(days, perDay), { quantity: String(days), unit: 'dag', rateOre: perDay });
    },
    () => {
      const days = between(random, 1, 5);
      const perDay = Math.round(((monthlyOre * 12) / 365) * 0.8);
      return line('412', 'Sjuklön 80 %', 'gross', times(days, perDay), { quantity: String(days), unit: 'dag', rateOre: perDay });
    },
    () => {
      const days = between(random, 1, 10);
      const perDay = Math.round(monthlyOre * 0.0043);
      return line('510', 'Semestertillägg 0,43 %', 'gross', times(days, perDay), { quantity: String(days), unit: 'dag', rateOre: perDay });
    },
    () => line('520', 'Retroaktiv lön', 'gross', between(random, 100, 3_000) * 100),
    () => line('700', 'Bilförmån', 'benefit', between(random, 2_000, 6_500) * 100),
    () => {
      const meals = between(random, 1, 15);
      return line('710', 'Kostförmån lunch', 'benefit', times(meals, 6_040), { quantity: String(meals), unit: 'st', rateOre: 6_040 });
    },
    () => line('720', 'Friskvård över gränsbelopp', 'benefit', between(random, 100, 900) * 100),
    () => line('800', 'Utlägg enligt kvitto', 'net', between(random, 5_000, 250_000)),
    () => {
      const days = between(random, 1, 4);
      return line('810', 'Traktamente skattefritt', 'net', times(days, 29_000), { quantity: String(days), unit: 'dag', rateOre: 29_000 });
    },
    () => {
      const mil = between(random, 10, 200);
      return line('820', 'Milersättning skattefri', 'net', times(mil, 2_500), { quantity: String(mil), unit: 'mil', rateOre: 2_500 });
    },
    () => line('900', 'Fackavgift Kommunal', 'net', -between(random, 250, 600) * 100),
    () => line('910', 'Avdrag löneförskott', 'net', -between(random, 10, 50) * 10_000),
    () => line('920', 'Nettolöneavdrag cykel', 'net', -between(random, 150, 400) * 100),
  ];
  // 9–14 distinct optional lines after the salary: 10–15 in all.
  const count = between(random, 9, 14);
  const chosen = new Set();
  while (chosen.size < count) chosen.add(Math.floor(random() * optional.length));
  for (const index of [...chosen].sort((a, b) => a - b)) lines.push(optional[index]());

  const ore = (l) => {
    const [whole, fraction] = l.amount.replace('-', '').split('.');
    const value = Number(whole) * 100 + Number(fraction);
    return l.amount.startsWith('-') ? -value : value;
  };
  const sumOf = (kind) => lines.filter((l) => l.kind === kind).reduce((total, l) => total + ore(l), 0);
  const grossOre = sumOf('gross');
  const taxableOre = grossOre + sumOf('benefit');
  // Table tax is rounded down to whole kronor.
  const taxRate = 0.29 + random() * 0.06;
  const taxOre = Math.max(0, Math.floor((taxableOre * taxRate) / 100) * 100);
  const netOre = grossOre - taxOre + sumOf('net');
  const month = 11;
  return {
    employee_number: plan.number,
    gross_pay: kronor(grossOre),
    tax: kronor(taxOre),
    net_pay: kronor(netOre),
    tax_table: String(between(random, 29, 36)),
    vacation: { days_remaining: between(random, 0, 30), days_used: between(random, 0, 25) },
    ytd: { gross_pay: kronor(grossOre * month), tax: kronor(taxOre * month) },
    lines,
  };
}

/**
 * Writes payroll.json for the planned employees and returns what was written: counts of
 * employees, payslips and lines (the import's rows) and the file size.
 */
export async function writePayrollExport(path, plans) {
  const out = createWriteStream(path, { encoding: 'utf8' });
  let buffered = '';
  const write = async (text) => {
    buffered += text;
    if (buffered.length < 1 << 20) return;
    if (!out.write(buffered)) await once(out, 'drain');
    buffered = '';
  };
  const company = {
    org_number: COMPANY.orgNumber,
    name: COMPANY.name,
    address: { street: 'Stadshusgatan 1', postal_code: '111 22', city: 'Stockholm' },
    email: 'lon@example.se',
    phone: '+46 8-123 456 00',
  };
  await write(`{\n"company": ${JSON.stringify(company)},\n"employees": [\n`);
  const people = createRandom(99);
  for (const [index, plan] of plans.entries()) await write(`${index ? ',\n' : ''}${JSON.stringify(employeeRecord(people, plan))}`);
  await write(`\n],\n"pay_runs": [{ "id": ${JSON.stringify(PAY_RUN.id)}, "payout_date": ${JSON.stringify(PAY_RUN.payout_date)}, "period_start": ${JSON.stringify(PAY_RUN.period_start)}, "period_end": ${JSON.stringify(PAY_RUN.period_end)}, "status": "final", "payslips": [\n`);
  const pay = createRandom(7);
  let lines = 0;
  for (const [index, plan] of plans.entries()) {
    const payslip = payslipRecord(pay, plan);
    lines += payslip.lines.length;
    // One payslip per JSON line keeps import problems pointing at readable line numbers.
    await write(`${index ? ',\n' : ''}${JSON.stringify(payslip)}`);
  }
  await write('\n]}]\n}\n');
  out.end(buffered);
  await once(out, 'finish');
  return { employees: plans.length, payslips: plans.length, lines, rows: plans.length * 2 + lines + 1 };
}
