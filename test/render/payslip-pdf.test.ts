import { PDFDict, PDFDocument, PDFFont, PDFName } from 'pdf-lib';
import { beforeAll, describe, expect, test, vi } from 'vitest';
import type { PayslipDocument } from '../../src/domain/types.js';
import { renderPayslipPdf, type PdfVariant } from '../../src/render/payslip-pdf.js';
import { ADDRESS_BLOCK_MM, ENVELOPE_WINDOW_MM } from '../../src/render/page-geometry.js';
import { loadTemplate, type Template } from '../../src/render/template.js';
import { company, document, employee, line, longDocument, owingDocument, payslip, preliminaryDocument, sparseDocument, standardLines } from './documents.js';
import { readFonts, readPages, STANDARD_14, type PageText } from './pdf-inspect.js';

let template: Template;
beforeAll(async () => {
  template = await loadTemplate();
});

const render = (doc: PayslipDocument, variant: PdfVariant = 'kivra'): Promise<Uint8Array> => renderPayslipPdf(doc, template, { variant });

/** Occurrences of `needle` in `text`. */
const count = (text: string, needle: string): number => text.split(needle).length - 1;

describe('what the employee reads on the payslip', () => {
  let page: PageText;
  beforeAll(async () => {
    const pages = await readPages(await render(document()));
    expect(pages).toHaveLength(1);
    page = pages[0]!;
  });

  test('is A4 portrait', () => {
    expect(page.widthPt).toBeCloseTo(595.28, 0);
    expect(page.heightPt).toBeCloseTo(841.89, 0);
  });

  test('names the employer with organisationsnummer and address, and the employee with number and personnummer', () => {
    for (const expected of ['Exempel Ångström & Söner AB', 'Org.nr 556677-8899', 'Storgatan 1, 111 22 Stockholm', 'Åsa-Märta Öberg Hélène', 'Lillgatan 2', '222 33 Lund', '1001', '19121212-1212']) {
      expect(page.text).toContain(expected);
    }
  });

  test('gives the period, the payout date and the tax table', () => {
    expect(page.text).toContain('Löneperiod 2025-11-01 – 2025-11-30');
    expect(page.text).toContain('Utbetalningsdag 2025-11-25');
    expect(page.text).toContain('Skattetabell 33');
  });

  test('lists every line with code, text, quantity, unit, rate and amount in Swedish number format', () => {
    expect(page.text).toContain('100 Månadslön 32 000,00');
    expect(page.text).toContain('310 Övertid enkel 8,5 tim 295,00 2 507,50');
    expect(page.text).toContain('410 Sjukavdrag dag 2–14 2 dag -1 253,75 -2 507,50');
    expect(page.text).toContain('500 Förmån av fri kost 4 st 130,00 520,00');
    expect(page.text).toContain('700 Friskvårdsbidrag – utlägg 500,00');
    expect(page.text).toContain('710 Fackföreningsavgift -350,00');
  });

  test('adds up from bruttolön over förmåner, skatt and nettoposter to att utbetala', () => {
    expect(page.text).toContain('Bruttolön 32 000,00');
    expect(page.text).toContain('Förmåner (betalas inte ut) 520,00');
    expect(page.text).toContain('Skatteavdrag -8 450,00');
    expect(page.text).toContain('Nettoposter 150,00');
    expect(page.text).toContain('Att utbetala 23 700,00');
  });

  test('shows vacation days and the year-to-date gross pay and tax', () => {
    expect(page.text).toContain('Semester Betalda dagar kvar 22 Uttagna dagar 3');
    expect(page.text).toContain('Hittills i år Bruttolön 352 000,00 Skatteavdrag 92 950,00');
  });

  test('is not marked preliminary when the pay run is final', () => {
    expect(page.text).not.toContain('PRELIMINÄR');
  });
});

test('a preliminary payslip carries PRELIMINÄR in the header, a note and a watermark', async () => {
  const [page] = await readPages(await render(preliminaryDocument()));
  expect(count(page!.text, 'PRELIMINÄR')).toBeGreaterThanOrEqual(3);
  expect(page!.text).toContain('beloppen kan ändras före utbetalning');
  expect(page!.text).toContain('Löneperiod 2025-12-01 – 2025-12-31');
});

test('missing optional data shows as missing rather than as zero', async () => {
  const [page] = await readPages(await render(sparseDocument()));
  expect(page!.text).toContain('Personnummer saknas');
  expect(page!.text).toContain('Skattetabell saknas');
  expect(page!.text).toContain('Betalda dagar kvar –');
  expect(page!.text).toContain('Hittills i år Bruttolön – Skatteavdrag –');
  expect(page!.text).toContain('720 Löneförskott återbetalning -150,50');
  expect(page!.text).toContain('Att utbetala 11 849,50');
});

test.each(['kivra', 'print'] as const)('a negative net pay reads as a debt to the employer, never as "Att utbetala -…" (%s)', async (variant) => {
  const [page] = await readPages(await render(owingDocument(), variant));
  expect(page!.text).toContain('Nettoposter -1 500,00');
  expect(page!.text).toContain('Att betala till arbetsgivaren 500,00');
  expect(page!.text).not.toContain('Att utbetala');
  expect(page!.text).not.toContain('-500,00');
});

test('every font is embedded, none is one of the standard 14, in every variant', async () => {
  for (const pdf of [await render(document()), await render(preliminaryDocument(), 'print'), await render(longDocument())]) {
    const fonts = await readFonts(pdf);
    expect(fonts.length).toBeGreaterThanOrEqual(2);
    for (const font of fonts) {
      expect(font.fontFile, font.baseFont).toMatch(/^FontFile[23]$/);
      expect(STANDARD_14.has(font.baseFont.replace(/^[A-Z]{6}\+/, '')), font.baseFont).toBe(false);
    }
  }
});

test('a page names its fonts once per switch between them, not once per text drawn', async () => {
  // pdf-lib adds a font resource whenever drawText is handed a font; a page of 60 lines
  // used to list hundreds, each found by scanning the ones before.
  const bytes = await render(longDocument(60));
  const pdf = await PDFDocument.load(bytes);
  const pages = await readPages(bytes);
  pdf.getPages().forEach((page, index) => {
    const entries = page.node.Resources()!.lookup(PDFName.of('Font'), PDFDict).keys().length;
    expect(entries).toBeGreaterThanOrEqual(2);
    expect(entries).toBeLessThan(pages[index]!.items.length / 2);
  });
});

describe('a 60-line payslip', () => {
  let pages: PageText[];
  beforeAll(async () => {
    pages = await readPages(await render(longDocument(60)));
  });

  test('continues on further pages, each with the header, the employee and "Sida n av N"', () => {
    expect(pages.length).toBeGreaterThanOrEqual(2);
    pages.forEach((page, index) => {
      expect(page.text).toContain('Lönespecifikation');
      expect(page.text).toContain('Exempel Ångström & Söner AB');
      expect(page.text).toContain('Org.nr 556677-8899');
      expect(page.text).toContain('Åsa-Märta Öberg Hélène');
      expect(page.text).toContain('19121212-1212');
      expect(page.text).toContain('Kod Benämning Antal Enhet À-pris Belopp');
      expect(page.text).toContain(`Sida ${index + 1} av ${pages.length}`);
    });
    expect(pages[1]!.text).toContain('Lön och avdrag före skatt (forts.)');
  });

  test('shows every line exactly once, in order, and the totals once at the end', () => {
    const all = pages.map((p) => p.text).join(' ');
    let from = 0;
    for (let n = 1; n <= 60; n += 1) {
      const text = `Tillägg rad ${n} – ob-ersättning`;
      expect(count(all, `${text} `), text).toBe(1);
      const at = all.indexOf(text);
      expect(at).toBeGreaterThan(from);
      from = at;
    }
    expect(count(all, 'Att utbetala')).toBe(1);
    expect(pages.at(-1)!.text).toContain('Att utbetala 4 200,00');
  });

  test('never writes a row into the footer', () => {
    for (const page of pages) {
      const footerTop = Math.min(...page.items.filter((i) => i.str.startsWith('Sida ')).map((i) => i.baselineMm)) - 4;
      const rows = page.items.filter((i) => i.str.startsWith('Tillägg rad'));
      for (const row of rows) expect(row.baselineMm).toBeLessThan(footerTop);
    }
  });
});

describe('byte-identical re-rendering', () => {
  test('the same data gives the same bytes, also from a freshly loaded template', async () => {
    const first = await render(longDocument());
    const again = await renderPayslipPdf(longDocument(), await loadTemplate(), { variant: 'kivra' });
    expect(Buffer.from(again).equals(Buffer.from(first))).toBe(true);
  });

  test('data that is not on the page (a newer mailbox check) does not change the bytes', async () => {
    const first = await render(document());
    const later = await render(document({ employee: employee({ mailbox: false, mailboxCheckedAt: '2026-01-01T00:00:00Z' }) }));
    expect(Buffer.from(later).equals(Buffer.from(first))).toBe(true);
  });

  test('nothing in the file comes from the clock: its dates are the payout date, its /ID comes from the data', async () => {
    const pdf = await PDFDocument.load(await render(document()), { updateMetadata: false });
    expect(pdf.getCreationDate()?.toISOString()).toBe('2025-11-25T00:00:00.000Z');
    expect(pdf.getModificationDate()?.toISOString()).toBe('2025-11-25T00:00:00.000Z');
    expect(pdf.getProducer()).toBe('payslips');
    expect(String(pdf.context.trailerInfo.ID)).toMatch(/^\[ <[0-9a-f]{32}> <[0-9a-f]{32}> \]$/);
  });

  test('a changed amount, and the print variant, give a different /ID', async () => {
    const id = async (bytes: Uint8Array): Promise<string> => String((await PDFDocument.load(bytes, { updateMetadata: false })).context.trailerInfo.ID);
    const base = await id(await render(document()));
    expect(await id(await render(document()))).toBe(base);
    expect(await id(await render(document({ payslip: payslip({ taxOre: 845_100, netPayOre: 2_369_900 }) })))).not.toBe(base);
    expect(await id(await render(document(), 'print'))).not.toBe(base);
  });
});

describe('a payslip does not depend on the payslips rendered before it', () => {
  test('a letter first met inside a composite glyph (O in Ö) still copies and searches as itself later', async () => {
    // A fresh template: its fonts are parsed anew, so nothing is laid out yet. The first
    // payslip's bold texts have Ö but no O; fontkit's subsetter once created the O glyph
    // (a component of Ö) without its character, the shared font kept it so, and every
    // later payslip's ToUnicode map gave O as nothing: "Olle Olsson" read "lle lsson".
    const fresh = await loadTemplate();
    const first = document({ employee: employee({ firstName: 'Åsa', lastName: 'Öberg', employeeNumber: '7' }) });
    await renderPayslipPdf(first, fresh, { variant: 'kivra' });
    const later = document({ employee: employee({ firstName: 'Olle', lastName: 'Olsson' }) });
    const [page] = await readPages(await renderPayslipPdf(later, fresh, { variant: 'kivra' }));
    expect(page!.text).toContain('Olle Olsson');
    const alone = await renderPayslipPdf(later, await loadTemplate(), { variant: 'kivra' });
    expect(Buffer.from(await renderPayslipPdf(later, fresh, { variant: 'kivra' })).equals(Buffer.from(alone))).toBe(true);
  });
});

describe('the bytes depend on the payslip and the template only', () => {
  test('not on the clock, chance, or the payslips rendered before it in the same process', async () => {
    // ’ (U+2019) and ʼ (U+02BC) are one glyph in Inter. fontkit kept the characters a glyph
    // was first asked for, so a payslip's ToUnicode map (and its bytes) said ʼ for ’ after
    // another payslip with ʼ had been rendered, and ’ when rendered alone.
    const doc = document({ employee: employee({ firstName: 'Siobhán', lastName: 'O\u2019Brien' }) });
    const others = [
      document({ employee: employee({ employeeNumber: '2001', firstName: 'Taʼi', lastName: 'Ohm Ω Ω' }) }),
      preliminaryDocument(),
      longDocument(),
      sparseDocument(),
    ];
    const renderAll = async (from: Template): Promise<Uint8Array[]> => [await renderPayslipPdf(doc, from, { variant: 'kivra' }), await renderPayslipPdf(doc, from, { variant: 'print' })];
    const shared = await loadTemplate();
    vi.useFakeTimers({ toFake: ['Date'] });
    const random = vi.spyOn(Math, 'random');
    try {
      vi.setSystemTime(new Date('2031-01-01T00:00:00Z'));
      random.mockReturnValue(0.1);
      await renderPayslipPdf(others[0]!, shared, { variant: 'kivra' });
      const first = await renderAll(shared);
      for (const other of others) for (const variant of ['kivra', 'print'] as const) await renderPayslipPdf(other, shared, { variant });
      vi.setSystemTime(new Date('2040-06-30T12:34:56Z'));
      random.mockReturnValue(0.9);
      const again = await renderAll(shared);
      const alone = await renderAll(await loadTemplate());
      for (const [index, bytes] of first.entries()) {
        expect(Buffer.from(again[index]!).equals(Buffer.from(bytes))).toBe(true);
        expect(Buffer.from(alone[index]!).equals(Buffer.from(bytes))).toBe(true);
      }
      const [page] = await readPages(first[0]!);
      expect(page!.text).toContain('Siobhán O\u2019Brien');
    } finally {
      random.mockRestore();
      vi.useRealTimers();
    }
  });
});

describe('the print variant', () => {
  test('puts the name and address inside the C5 left window, within its safe area', async () => {
    const [page] = await readPages(await render(document(), 'print'));
    const window = ENVELOPE_WINDOW_MM;
    const recipient = ['Åsa-Märta Öberg Hélène', 'Lillgatan 2', '222 33 Lund'].map((text) => {
      const item = page!.items.find((i) => i.str === text);
      expect(item, text).toBeDefined();
      return item!;
    });
    for (const item of recipient) {
      expect(item.leftMm).toBeGreaterThanOrEqual(ADDRESS_BLOCK_MM.left - 0.01);
      expect(item.leftMm + item.widthMm).toBeLessThanOrEqual(ADDRESS_BLOCK_MM.left + ADDRESS_BLOCK_MM.width);
      // Cap height above the baseline, descenders below: both inside the safe area.
      expect(item.baselineMm - item.size * 0.75 / (72 / 25.4)).toBeGreaterThanOrEqual(ADDRESS_BLOCK_MM.top);
      expect(item.baselineMm + 1.5).toBeLessThanOrEqual(ADDRESS_BLOCK_MM.top + ADDRESS_BLOCK_MM.height);
    }
    // Name, street, postal code and city: top to bottom, one below the other.
    expect(recipient[0]!.baselineMm).toBeLessThan(recipient[1]!.baselineMm);
    expect(recipient[1]!.baselineMm).toBeLessThan(recipient[2]!.baselineMm);
    // The sender line is in the window too; nothing private is.
    const inWindow = page!.items.filter(
      (i) => i.leftMm < window.left + window.width && i.baselineMm > window.top && i.baselineMm < window.top + window.height && i.leftMm >= window.left,
    );
    expect(inWindow.map((i) => i.str)).toEqual([
      'Avs: Exempel Ångström & Söner AB, Storgatan 1, 111 22 Stockholm',
      'Åsa-Märta Öberg Hélène',
      'Lillgatan 2',
      '222 33 Lund',
    ]);
  });

  test('wraps a long name and street instead of cutting them, still inside the window', async () => {
    const doc = document({
      employee: employee({
        firstName: 'Anna-Karin Maria Elisabeth',
        lastName: 'Wallenberg-Östlund af Ekenstierna',
        address: { street: 'Södra Esplanaden 21 lgh 1102 c/o Familjen Bäckström-Sjöholm', postalCode: '211 42', city: 'Malmö' },
      }),
    });
    const [page] = await readPages(await render(doc, 'print'));
    const window = page!.items.filter((i) => i.leftMm >= ADDRESS_BLOCK_MM.left - 0.01 && i.leftMm < 110 && i.baselineMm > 55 && i.baselineMm < 90);
    expect(window.map((i) => i.str).join(' ')).toBe('Anna-Karin Maria Elisabeth Wallenberg-Östlund af Ekenstierna Södra Esplanaden 21 lgh 1102 c/o Familjen Bäckström-Sjöholm 211 42 Malmö');
    for (const item of window) {
      expect(item.leftMm + item.widthMm).toBeLessThanOrEqual(ADDRESS_BLOCK_MM.left + ADDRESS_BLOCK_MM.width);
      expect(item.baselineMm + 1.5).toBeLessThanOrEqual(ADDRESS_BLOCK_MM.top + ADDRESS_BLOCK_MM.height);
    }
  });
});

test('a long company name and long line texts wrap without running into other columns', async () => {
  const doc = document({
    company: company({ name: 'Ekbacken Bygg & Måleri Aktiebolag med Dotterbolag i Skåne och Blekinge' }),
    payslip: payslip({
      grossPayOre: 3_200_000,
      netPayOre: 2_355_000,
      lines: [
        line({ code: '100', text: 'Månadslön enligt kollektivavtal för byggnadsarbetare inklusive tillägg för arbete på hög höjd och under jord', amountOre: 3_200_000 }),
      ],
    }),
  });
  const [page] = await readPages(await render(doc));
  expect(page!.text).toContain('Ekbacken Bygg & Måleri Aktiebolag med');
  expect(page!.text).toContain('Dotterbolag i Skåne och Blekinge');
  const title = page!.items.find((i) => i.str === 'Lönespecifikation')!;
  const employer = page!.items.filter((i) => i.baselineMm < 30 && i.leftMm < 30);
  for (const item of employer) expect(item.leftMm + item.widthMm).toBeLessThan(title.leftMm);
  const textColumn = page!.items.filter((i) => i.leftMm > 35 && i.leftMm < 37 && i.baselineMm > 100 && i.baselineMm < 130);
  expect(textColumn.length).toBeGreaterThanOrEqual(2);
  for (const item of textColumn) expect(item.leftMm + item.widthMm).toBeLessThanOrEqual(36 + 72 + 0.01);
  expect(textColumn.map((i) => i.str).join(' ')).toBe('Månadslön enligt kollektivavtal för byggnadsarbetare inklusive tillägg för arbete på hög höjd och under jord');
});

describe('a careless export cannot make rendering slow', () => {
  /**
   * Renders `doc` and counts the text measurements made, and the characters they laid out;
   * past 5,000 measurements it gives up rather than run for minutes.
   */
  async function measured(doc: PayslipDocument, variant: PdfVariant): Promise<{ pdf: Uint8Array; calls: number; characters: number }> {
    const widthOfTextAtSize = PDFFont.prototype.widthOfTextAtSize;
    const spy = vi.spyOn(PDFFont.prototype, 'widthOfTextAtSize').mockImplementation(function (this: PDFFont, text, size) {
      if (spy.mock.calls.length > 5_000) throw new Error('more than 5,000 text measurements');
      return widthOfTextAtSize.call(this, text, size);
    });
    try {
      const pdf = await render(doc, variant);
      return { pdf, calls: spy.mock.calls.length, characters: spy.mock.calls.reduce((sum, [text]) => sum + text.length, 0) };
    } finally {
      spy.mockRestore();
    }
  }

  test.each(['kivra', 'print'] as const)('a 100,000-character name, street and line text (%s): cut to the lines that fit, with a few measurements', async (variant) => {
    const huge = 'Å'.repeat(100_000);
    const ordinary = await measured(document(), variant);
    const doc = document({
      employee: employee({ firstName: huge, lastName: 'Ek', address: { street: `Storgatan ${huge}`, postalCode: '222 33', city: 'Lund' } }),
      payslip: payslip({ lines: [...standardLines().slice(0, 5), line({ code: '710', text: huge, kind: 'net', amountOre: -35_000 })] }),
    });
    const { pdf, calls, characters } = await measured(doc, variant);
    // Cut one character at a time and measured again, this took minutes; at 20,000
    // characters a render worker ran out of memory.
    expect(calls).toBeLessThan(ordinary.calls + 300);
    expect(characters).toBeLessThan(20 * huge.length);

    const [page] = await readPages(pdf);
    const name = page!.items.filter((i) => /^Å+…?$/.test(i.str) && i.leftMm >= ADDRESS_BLOCK_MM.left - 0.01 && i.leftMm < ADDRESS_BLOCK_MM.left + 1 && i.baselineMm < 67);
    expect(name).toHaveLength(2);
    expect(name[1]!.str).toMatch(/…$/);
    for (const item of name) expect(item.leftMm + item.widthMm).toBeLessThanOrEqual(ADDRESS_BLOCK_MM.left + ADDRESS_BLOCK_MM.width);
    expect(page!.text).toContain('Storgatan');
    expect(page!.text).toContain('710 ÅÅÅ');
    expect(page!.text).toContain('222 33 Lund');
  });
});
