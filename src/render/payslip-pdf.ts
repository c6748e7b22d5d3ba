/**
 * Renders one payslip (lönespecifikation) as an A4 PDF, for a Kivra mailbox or for printing
 * in a window envelope. Pure given its inputs: the template carries the font and logo bytes,
 * and every date in the file comes from the pay run, so the same input gives the same bytes.
 */
import type { Address, PayslipDocument, PayslipLine } from '../domain/types.js';
import {
  ADDRESS_BLOCK_MM,
  BANDS_MM,
  COLUMNS_MM,
  MARGIN_LEFT_MM,
  MARGIN_RIGHT_MM,
  PAGE_HEIGHT,
  PAGE_WIDTH,
  mm,
  x,
  y,
} from './page-geometry.js';
import { ROW_MM, buildTableRows, fitText, paginate, rowHeightMm, wrapText, type FittedText, type PagePlan, type TableRow } from './payslip-layout.js';
import { loadPdfImage, PdfDocument, type PdfFont, type PdfImage, type PdfPage, type Rgb } from './pdf/index.js';
import type { Template, TemplateColours, TemplateLabels } from './template.js';
import { formatDateRange, formatDecimal, formatMoney, formatOrgNumber, formatPersonnummer, periodMonth } from '../domain/format.js';

export type PdfVariant = 'kivra' | 'print';

interface RenderPayslipOptions {
  /** `print` adds the recipient's address where a C5 window envelope shows it. */
  variant: PdfVariant;
}

type ColourName = keyof TemplateColours | 'white';

interface TextStyle {
  bold?: boolean;
  size: number;
  colour?: ColourName;
  align?: 'left' | 'right';
  /** Text wider than this shrinks (down to `minScale` of its size), then is cut with an ellipsis. */
  maxWidthMm?: number;
  /** How far text may shrink to fit before it is cut; 0.85 unless given. */
  minScale?: number;
}

/** Everything the drawing functions share for one document. */
interface Pen {
  doc: PayslipDocument;
  labels: TemplateLabels;
  footer: string;
  variant: PdfVariant;
  regular: PdfFont;
  bold: PdfFont;
  logo: PdfImage | null;
  logoWidthMm: number;
  colours: Record<ColourName, Rgb>;
  preliminary: boolean;
  /** A correction: the day the document it replaces was sent. */
  replacesSentOn: string | null;
}

const DASH = '\u2013';
const TEXT_SIZE = 8.5;

function hexToRgb(hex: string): Rgb {
  const value = Number.parseInt(hex.slice(1), 16);
  return { red: ((value >> 16) & 0xff) / 255, green: ((value >> 8) & 0xff) / 255, blue: (value & 0xff) / 255 };
}

/** Mixes a colour with white: used for the light fill behind the preliminary note. */
function tint(colour: Rgb, amount: number): Rgb {
  return { red: 1 - (1 - colour.red) * amount, green: 1 - (1 - colour.green) * amount, blue: 1 - (1 - colour.blue) * amount };
}

/** Line breaks and control characters from an export would otherwise break the layout. */
function clean(text: string): string {
  return (CONTROL.test(text) ? text.replace(CONTROLS, ' ') : text).trim();
}
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f]+/g;

function fit(font: PdfFont, text: string, size: number, maxWidth: number | undefined, minScale?: number): FittedText {
  return fitText(text, size, maxWidth, (s, at) => font.widthOfTextAtSize(s, at), minScale);
}

/** The width `value` takes when drawn with `style`, in mm, after any shrinking or cutting. */
function measureMm(pen: Pen, value: string, style: TextStyle): number {
  const font = style.bold ? pen.bold : pen.regular;
  const fitted = fit(font, clean(value), style.size, style.maxWidthMm === undefined ? undefined : mm(style.maxWidthMm), style.minScale);
  return font.widthOfTextAtSize(fitted.text, fitted.size) / mm(1);
}

/** Draws text with its baseline `baselineMm` from the top; returns the width used, in pt. */
function drawText(page: PdfPage, pen: Pen, value: string, leftOrRightMm: number, baselineMm: number, style: TextStyle): number {
  const font = style.bold ? pen.bold : pen.regular;
  const fitted = fit(font, clean(value), style.size, style.maxWidthMm === undefined ? undefined : mm(style.maxWidthMm), style.minScale);
  const width = font.widthOfTextAtSize(fitted.text, fitted.size);
  const left = style.align === 'right' ? x(leftOrRightMm) - width : x(leftOrRightMm);
  page.text(font, fitted.size, pen.colours[style.colour ?? 'text'], left, y(baselineMm), fitted.text);
  return width;
}

function fillRect(page: PdfPage, leftMm: number, topMm: number, widthMm: number, heightMm: number, colour: Rgb): void {
  page.rectangle(x(leftMm), y(topMm + heightMm), mm(widthMm), mm(heightMm), colour);
}

function rule(page: PdfPage, pen: Pen, fromMm: number, toMm: number, atMm: number, thickness = 0.5): void {
  page.line(x(fromMm), y(atMm), x(toMm), y(atMm), thickness, pen.colours.rule);
}

function addressLines(address: Address): string[] {
  const cityLine = [address.postalCode, address.city].filter((part): part is string => Boolean(part)).join(' ');
  return [address.street ?? '', cityLine].map(clean).filter((line) => line.length > 0);
}

function employeeName(pen: Pen): string {
  return `${pen.doc.employee.firstName} ${pen.doc.employee.lastName}`;
}

function personnummerText(pen: Pen): string {
  const pnr = pen.doc.employee.personnummer;
  return pnr === null ? pen.labels.missing : formatPersonnummer(pnr);
}

function periodText(pen: Pen): string {
  return formatDateRange(pen.doc.payRun.periodStart, pen.doc.payRun.periodEnd);
}

/**
 * A large, light diagonal PRELIMINÄR across the page. Drawn last and translucent, so the
 * shaded boxes cannot hide it and the figures underneath stay legible.
 */
function drawWatermark(page: PdfPage, pen: Pen): void {
  const size = 96;
  const text = pen.labels.preliminaryMark;
  const width = pen.bold.widthOfTextAtSize(text, size);
  const height = pen.bold.heightAtSize(size, { descender: false });
  const angle = (Math.atan2(PAGE_HEIGHT, PAGE_WIDTH) * 180) / Math.PI;
  const rad = (angle * Math.PI) / 180;
  // The text turns around its origin; shift it so the text's centre is the page's.
  const originX = PAGE_WIDTH / 2 - ((width / 2) * Math.cos(rad) - (height / 2) * Math.sin(rad));
  const originY = PAGE_HEIGHT / 2 - ((width / 2) * Math.sin(rad) + (height / 2) * Math.cos(rad));
  page.rotatedText(pen.bold, size, pen.colours.watermark, originX, originY, angle, 0.13, text);
}

/**
 * Word-wraps `value` to at most `maxLines` lines of `widthMm` and draws them `lineMm` apart;
 * returns the baseline of the last line. Names and addresses wrap rather than lose letters:
 * a cut name on an envelope or a payslip is worse than a second line.
 */
function drawWrapped(page: PdfPage, pen: Pen, value: string, leftMm: number, baselineMm: number, lineMm: number, maxLines: number, style: TextStyle & { maxWidthMm: number }): number {
  const font = style.bold ? pen.bold : pen.regular;
  const lines = wrapText(clean(value), mm(style.maxWidthMm), (s) => font.widthOfTextAtSize(s, style.size), maxLines);
  lines.forEach((line, index) => drawText(page, pen, line, leftMm, baselineMm + index * lineMm, style));
  return baselineMm + (lines.length - 1) * lineMm;
}

/** Room kept between the employer block and the title. */
const HEADER_GAP_MM = 8;

/**
 * Employer (logo or name) on the left, the title on the right: repeated on every page.
 * The title is measured first and the employer block gets the rest of the width, so a long
 * company name or a company's own longer title never run into each other.
 */
function drawHeader(page: PdfPage, pen: Pen): void {
  const company = pen.doc.company;
  const mmOf = (pt: number): number => pt / mm(1);
  const titleStyle: TextStyle = { bold: true, size: 20, colour: 'accent', align: 'right', maxWidthMm: 105, minScale: 0.6 };
  const markStyle: TextStyle = { bold: true, size: 12, colour: 'watermark', align: 'right', maxWidthMm: 105 };
  const rightWidthMm = Math.max(measureMm(pen, pen.labels.title, titleStyle), pen.preliminary ? measureMm(pen, pen.labels.preliminaryMark, markStyle) : 0);
  const leftWidthMm = MARGIN_RIGHT_MM - MARGIN_LEFT_MM - rightWidthMm - HEADER_GAP_MM;
  // Below the title (and the PRELIMINÄR line) the employer block may use the whole width.
  const rightBottomMm = pen.preliminary ? 29 : 22;
  const widthAt = (baselineMm: number, capMm: number): number =>
    baselineMm - capMm > rightBottomMm ? MARGIN_RIGHT_MM - MARGIN_LEFT_MM : leftWidthMm;

  const employerAddress = addressLines(company.address).join(', ');
  const orgLine = `${pen.labels.orgNumber} ${formatOrgNumber(company.orgNumber)}`;
  let baseline: number;
  if (pen.logo) {
    const maxHeightMm = 14;
    const scale = Math.min(mm(Math.min(pen.logoWidthMm, leftWidthMm)) / pen.logo.width, mm(maxHeightMm) / pen.logo.height);
    const widthPt = pen.logo.width * scale;
    const heightPt = pen.logo.height * scale;
    page.image(pen.logo, x(MARGIN_LEFT_MM), y(BANDS_MM.headerTop) - heightPt, widthPt, heightPt);
    const below = BANDS_MM.headerTop + mmOf(heightPt);
    baseline = drawWrapped(page, pen, company.name, MARGIN_LEFT_MM, below + 4.5, 4.2, 2, { bold: true, size: 9.5, maxWidthMm: widthAt(below + 4.5, 3.5) }) + 4;
    drawText(page, pen, orgLine, MARGIN_LEFT_MM, baseline, { size: 8, colour: 'muted', maxWidthMm: widthAt(baseline, 3) });
    if (employerAddress) drawText(page, pen, employerAddress, MARGIN_LEFT_MM, baseline + 3.8, { size: 8, colour: 'muted', maxWidthMm: widthAt(baseline + 3.8, 3) });
  } else {
    baseline = drawWrapped(page, pen, company.name, MARGIN_LEFT_MM, 19, 5.5, 2, { bold: true, size: 13, colour: 'accent', maxWidthMm: leftWidthMm }) + 5.5;
    drawText(page, pen, orgLine, MARGIN_LEFT_MM, baseline, { size: 8.5, colour: 'muted', maxWidthMm: leftWidthMm });
    if (employerAddress) drawText(page, pen, employerAddress, MARGIN_LEFT_MM, baseline + 4.3, { size: 8.5, colour: 'muted', maxWidthMm: leftWidthMm });
  }
  drawText(page, pen, pen.labels.title, MARGIN_RIGHT_MM, 20, titleStyle);
  if (pen.preliminary) drawText(page, pen, pen.labels.preliminaryMark, MARGIN_RIGHT_MM, 27.5, markStyle);
}

/**
 * First page, left: the employee's name and address. On the print variant this is the
 * envelope window, so it starts with the sender line and holds nothing else (no personnummer).
 * Name and street wrap to two lines each; at 4.8 mm a line, even six lines stay inside the
 * window's safe area (ADDRESS_BLOCK_MM).
 */
function drawRecipient(page: PdfPage, pen: Pen): void {
  const left = ADDRESS_BLOCK_MM.left;
  const width = ADDRESS_BLOCK_MM.width;
  const { street, postalCode, city } = pen.doc.employee.address;
  const cityLine = clean([postalCode, city].filter((part): part is string => Boolean(part)).join(' '));
  let baseline = ADDRESS_BLOCK_MM.top + 2.5;
  const print = pen.variant === 'print';
  if (print) {
    const company = pen.doc.company;
    const sender = [company.name, ...addressLines(company.address)].join(', ');
    drawText(page, pen, `${pen.labels.senderPrefix} ${sender}`, left, baseline, { size: 7, colour: 'muted', maxWidthMm: width, minScale: 0.8 });
    baseline += 7.5;
  } else {
    drawText(page, pen, pen.labels.employee, left, baseline, { size: 7.5, colour: 'muted' });
    baseline += 6.5;
  }
  const step = print ? 4.8 : 5;
  const nameStyle = print ? { size: 10.5, maxWidthMm: width } : { bold: true, size: 11, maxWidthMm: width };
  const lineStyle = { size: print ? 10.5 : 9, maxWidthMm: width };
  baseline = drawWrapped(page, pen, employeeName(pen), left, baseline, step, 2, nameStyle);
  if (street && clean(street)) baseline = drawWrapped(page, pen, street, left, baseline + step, step, 2, lineStyle);
  if (cityLine) drawText(page, pen, cityLine, left, baseline + step, lineStyle);
}

/** First page, right of the window: the identifiers and dates the employee checks first. */
function drawDetails(page: PdfPage, pen: Pen): void {
  const left = 116;
  const right = MARGIN_RIGHT_MM;
  const top = BANDS_MM.partiesTop + 1;
  const rows: Array<[string, string]> = [
    [pen.labels.employeeNumber, pen.doc.employee.employeeNumber],
    [pen.labels.personnummer, personnummerText(pen)],
    [pen.labels.period, periodText(pen)],
    [pen.labels.payoutDate, pen.doc.payRun.payoutDate],
    [pen.labels.taxTable, pen.doc.payslip.taxTable ?? pen.labels.missing],
  ];
  const height = 5 + rows.length * 6.3;
  fillRect(page, left, top, right - left, height, pen.colours.shade);
  rows.forEach(([label, value], index) => {
    const baseline = top + 6.5 + index * 6.3;
    const valueStyle: TextStyle = { bold: true, size: 9, align: 'right', maxWidthMm: 48 };
    const used = measureMm(pen, value, valueStyle);
    drawText(page, pen, label, left + 3, baseline, { size: 8, colour: 'muted', maxWidthMm: right - left - 6 - used - 3 });
    drawText(page, pen, value, right - 3, baseline, valueStyle);
  });
}

/**
 * The band under the details: on a correction, which document it replaces (a correction
 * cannot recall the earlier one from Kivra, so it must say so itself); else on a
 * preliminary payslip, that the amounts may change.
 */
function drawNoteBand(page: PdfPage, pen: Pen): void {
  const top = BANDS_MM.partiesBottom + 2;
  const height = 8;
  const width = MARGIN_RIGHT_MM - MARGIN_LEFT_MM;
  const [mark, note, colour] = pen.replacesSentOn
    ? [pen.labels.correctionMark, pen.labels.correctionNote.replace('{date}', pen.replacesSentOn), 'accent' as const]
    : [pen.labels.preliminaryMark, pen.labels.preliminaryNote, 'watermark' as const];
  page.rectangle(x(MARGIN_LEFT_MM), y(top + height), mm(width), mm(height), tint(pen.colours[colour], 0.08), { colour: pen.colours[colour], width: 0.8 });
  const used = drawText(page, pen, mark, MARGIN_LEFT_MM + 3, top + 5.4, { bold: true, size: 9.5, colour });
  drawText(page, pen, note, MARGIN_LEFT_MM + 3 + used / mm(1) + 3, top + 5.4, { size: 8.5, colour, maxWidthMm: width - 10 - used / mm(1) });
}

/** The day a replaced document was sent, as the employee's inbox shows it (Swedish time, whatever the machine's zone). */
function sentOn(deliveredAt: string): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(deliveredAt));
}

/** Continuation pages: who and which period, in one line under the header. */
function drawContinuationStrip(page: PdfPage, pen: Pen): void {
  const baseline = BANDS_MM.continuationStripTop + 3.5;
  const used = drawText(page, pen, employeeName(pen), MARGIN_LEFT_MM, baseline, { bold: true, size: 9, maxWidthMm: 60 });
  const details = [
    `${pen.labels.employeeNumber} ${pen.doc.employee.employeeNumber}`,
    `${pen.labels.personnummer} ${personnummerText(pen)}`,
    `${pen.labels.period} ${periodText(pen)}`,
  ].join('   ');
  drawText(page, pen, details, MARGIN_LEFT_MM + used / mm(1) + 4, baseline, {
    size: 8,
    colour: 'muted',
    maxWidthMm: MARGIN_RIGHT_MM - MARGIN_LEFT_MM - used / mm(1) - 4,
  });
  rule(page, pen, MARGIN_LEFT_MM, MARGIN_RIGHT_MM, baseline + 2.5);
}

function drawTableHeader(page: PdfPage, pen: Pen, topMm: number): void {
  fillRect(page, MARGIN_LEFT_MM, topMm, MARGIN_RIGHT_MM - MARGIN_LEFT_MM, ROW_MM.tableHeader, pen.colours.shade);
  const baseline = topMm + 4.6;
  const style = { bold: true, size: 7.5, colour: 'accent' as const };
  drawText(page, pen, pen.labels.columnCode, COLUMNS_MM.codeLeft, baseline, style);
  drawText(page, pen, pen.labels.columnText, COLUMNS_MM.textLeft, baseline, style);
  drawText(page, pen, pen.labels.columnQuantity, COLUMNS_MM.quantityRight, baseline, { ...style, align: 'right' });
  drawText(page, pen, pen.labels.columnUnit, COLUMNS_MM.unitLeft, baseline, style);
  drawText(page, pen, pen.labels.columnRate, COLUMNS_MM.rateRight, baseline, { ...style, align: 'right' });
  drawText(page, pen, pen.labels.columnAmount, COLUMNS_MM.amountRight, baseline, { ...style, align: 'right' });
}

function drawLineRow(page: PdfPage, pen: Pen, line: PayslipLine, textLines: string[], topMm: number): void {
  const baseline = topMm + 3.7;
  if (line.code) {
    drawText(page, pen, line.code, COLUMNS_MM.codeLeft, baseline, { size: TEXT_SIZE, colour: 'muted', maxWidthMm: 13 });
  }
  textLines.forEach((text, index) => {
    drawText(page, pen, text, COLUMNS_MM.textLeft, baseline + index * ROW_MM.lineExtra, { size: TEXT_SIZE });
  });
  if (line.quantity !== null) {
    drawText(page, pen, formatDecimal(line.quantity), COLUMNS_MM.quantityRight, baseline, {
      size: TEXT_SIZE,
      align: 'right',
      maxWidthMm: 16,
    });
  }
  if (line.unit) {
    drawText(page, pen, line.unit, COLUMNS_MM.unitLeft, baseline, { size: TEXT_SIZE, maxWidthMm: 11 });
  }
  if (line.rateOre !== null) {
    drawText(page, pen, formatMoney(line.rateOre), COLUMNS_MM.rateRight, baseline, { size: TEXT_SIZE, align: 'right', maxWidthMm: 20 });
  }
  drawText(page, pen, formatMoney(line.amountOre), COLUMNS_MM.amountRight, baseline, { size: TEXT_SIZE, align: 'right', maxWidthMm: 26 });
}

/** Draws the rows below the table header; returns where the table ends, in mm from the top. */
function drawRows(page: PdfPage, pen: Pen, rows: readonly TableRow[], tableTopMm: number): number {
  let cursor = tableTopMm + ROW_MM.tableHeader;
  for (const row of rows) {
    const height = rowHeightMm(row);
    if (row.type === 'section') {
      const label = row.continued ? `${row.label} (${pen.labels.continued})` : row.label;
      drawText(page, pen, label, MARGIN_LEFT_MM + 2, cursor + 5, { bold: true, size: TEXT_SIZE, colour: 'accent' });
    } else {
      drawLineRow(page, pen, row.line, row.textLines, cursor);
      rule(page, pen, MARGIN_LEFT_MM, MARGIN_RIGHT_MM, cursor + height, 0.35);
    }
    cursor += height;
  }
  return cursor;
}

function sumOf(lines: readonly PayslipLine[], kind: PayslipLine['kind']): number {
  return lines.filter((line) => line.kind === kind).reduce((total, line) => total + line.amountOre, 0);
}

function drawKeyValues(page: PdfPage, pen: Pen, heading: string, rows: Array<[string, string]>, leftMm: number, rightMm: number, topMm: number): number {
  drawText(page, pen, heading, leftMm, topMm + 4, { bold: true, size: TEXT_SIZE, colour: 'accent' });
  rule(page, pen, leftMm, rightMm, topMm + 5.8);
  rows.forEach(([label, value], index) => {
    const baseline = topMm + 10.6 + index * 5;
    const valueStyle: TextStyle = { size: TEXT_SIZE, align: 'right' };
    const used = measureMm(pen, value, valueStyle);
    drawText(page, pen, label, leftMm, baseline, { size: TEXT_SIZE, colour: 'muted', maxWidthMm: rightMm - leftMm - used - 4 });
    drawText(page, pen, value, rightMm, baseline, valueStyle);
  });
  return topMm + 10.6 + (rows.length - 1) * 5 + 2;
}

/** Vacation and year to date on the left, the arithmetic down to "Att utbetala" on the right. */
function drawSummary(page: PdfPage, pen: Pen, topMm: number): void {
  const { payslip } = pen.doc;
  const orDash = (value: string | null, format: (v: string) => string): string => (value === null ? DASH : format(value));
  const moneyOrDash = (value: number | null): string => (value === null ? DASH : formatMoney(value));

  const leftRight = 100;
  const afterVacation = drawKeyValues(
    page,
    pen,
    pen.labels.vacation,
    [
      [pen.labels.vacationRemaining, orDash(payslip.vacation.daysRemaining, formatDecimal)],
      [pen.labels.vacationUsed, orDash(payslip.vacation.daysUsed, formatDecimal)],
    ],
    MARGIN_LEFT_MM,
    leftRight,
    topMm,
  );
  drawKeyValues(
    page,
    pen,
    pen.labels.yearToDate,
    [
      [pen.labels.ytdGrossPay, moneyOrDash(payslip.ytd.grossPayOre)],
      [pen.labels.ytdTax, moneyOrDash(payslip.ytd.taxOre)],
    ],
    MARGIN_LEFT_MM,
    leftRight,
    afterVacation + 3,
  );

  const left = 112;
  const right = MARGIN_RIGHT_MM;
  const benefits = sumOf(payslip.lines, 'benefit');
  const rows: Array<[string, string]> = [
    [pen.labels.grossPay, formatMoney(payslip.grossPayOre)],
    [pen.labels.benefits, formatMoney(benefits)],
    [pen.labels.tax, formatMoney(-payslip.taxOre)],
    [pen.labels.netItems, formatMoney(sumOf(payslip.lines, 'net'))],
  ];
  const end = drawKeyValues(page, pen, pen.labels.totals, rows, left, right - 2, topMm);
  const barTop = end + 1.5;
  fillRect(page, left - 2, barTop, right - left + 2, 9.5, pen.colours.accent);
  // A negative net pay is a debt to the employer (an advance or an overpayment paid back):
  // "Att utbetala -500,00" would read as a payment, so it says who pays whom instead.
  const owed = payslip.netPayOre < 0;
  const amount = formatMoney(owed ? -payslip.netPayOre : payslip.netPayOre);
  const amountStyle: TextStyle = { bold: true, size: 12.5, colour: 'white', align: 'right' };
  const amountMm = measureMm(pen, amount, amountStyle);
  const label = owed ? pen.labels.netPayOwed : pen.labels.netPay;
  drawText(page, pen, label, left, barTop + 6.4, { bold: true, size: 10, colour: 'white', maxWidthMm: right - 2 - left - amountMm - 4 });
  drawText(page, pen, amount, right - 2, barTop + 6.6, amountStyle);
}

function drawFooter(page: PdfPage, pen: Pen, pageNumber: number, pageCount: number): void {
  rule(page, pen, MARGIN_LEFT_MM, MARGIN_RIGHT_MM, BANDS_MM.footerRule);
  const company = pen.doc.company;
  const contact = [
    company.name,
    company.email ? `${pen.labels.email} ${company.email}` : null,
    company.phone ? `${pen.labels.phone} ${company.phone}` : null,
  ].filter((part): part is string => part !== null);
  const textWidth = MARGIN_RIGHT_MM - MARGIN_LEFT_MM - 30;
  const footerLines = pen.footer ? wrapText(clean(pen.footer), mm(textWidth), (s) => pen.regular.widthOfTextAtSize(s, 7.5), 2) : [];
  let baseline = BANDS_MM.footerRule + 4.5;
  for (const line of footerLines) {
    drawText(page, pen, line, MARGIN_LEFT_MM, baseline, { size: 7.5, colour: 'muted' });
    baseline += 3.5;
  }
  drawText(page, pen, contact.join('  ·  '), MARGIN_LEFT_MM, baseline, { size: 7.5, colour: 'muted', maxWidthMm: textWidth });
  const pageLabel = pen.labels.page.replace('{page}', String(pageNumber)).replace('{pages}', String(pageCount));
  drawText(page, pen, pageLabel, MARGIN_RIGHT_MM, BANDS_MM.footerRule + 4.5, { size: 7.5, colour: 'muted', align: 'right' });
}

function firstTableTop(pen: Pen): number {
  return pen.preliminary || pen.replacesSentOn ? BANDS_MM.firstTableTopPreliminary : BANDS_MM.firstTableTop;
}

function drawPage(pdf: PdfDocument, pen: Pen, plan: PagePlan, index: number, pageCount: number): void {
  const page = pdf.addPage(PAGE_WIDTH, PAGE_HEIGHT);
  drawHeader(page, pen);
  let tableTop: number;
  if (index === 0) {
    drawRecipient(page, pen);
    drawDetails(page, pen);
    if (pen.preliminary || pen.replacesSentOn) drawNoteBand(page, pen);
    tableTop = firstTableTop(pen);
  } else {
    drawContinuationStrip(page, pen);
    tableTop = BANDS_MM.continuationTableTop;
  }
  let end = tableTop;
  if (plan.rows.length > 0) {
    drawTableHeader(page, pen, tableTop);
    end = drawRows(page, pen, plan.rows, tableTop);
  }
  if (plan.summary) drawSummary(page, pen, end + 6);
  drawFooter(page, pen, index + 1, pageCount);
  if (pen.preliminary) drawWatermark(page, pen);
}

/**
 * The fields that end up on the page, and nothing else: the PDF's /ID is derived from them,
 * so a later change to, say, a mailbox check date does not change the bytes of a resend.
 */
function renderedFields(doc: PayslipDocument, variant: PdfVariant, templateFingerprint: string): string {
  const { company, employee, payRun, payslip } = doc;
  return JSON.stringify({
    format: 1,
    variant,
    template: templateFingerprint,
    company: [company.name, company.orgNumber, company.address, company.email, company.phone],
    employee: [employee.employeeNumber, employee.personnummer, employee.firstName, employee.lastName, employee.address],
    payRun: [payRun.key, payRun.periodStart, payRun.periodEnd, payRun.payoutDate, payRun.status],
    payslip: [payslip.grossPayOre, payslip.taxOre, payslip.netPayOre, payslip.taxTable, payslip.vacation, payslip.ytd, payslip.lines],
  });
}

export async function renderPayslipPdf(doc: PayslipDocument, template: Template, options: RenderPayslipOptions): Promise<Uint8Array> {
  const { regular, bold } = template.fonts;
  const logo = template.logo ? await loadPdfImage(template.logo.bytes, template.logo.format) : null;
  const pdf = new PdfDocument(logo ? [logo] : []);
  const colours = template.config.colours;
  const pen: Pen = {
    doc,
    labels: template.config.labels,
    footer: template.config.footer,
    variant: options.variant,
    regular,
    bold,
    logo,
    logoWidthMm: template.logo?.widthMm ?? 0,
    colours: {
      accent: hexToRgb(colours.accent),
      text: hexToRgb(colours.text),
      muted: hexToRgb(colours.muted),
      rule: hexToRgb(colours.rule),
      shade: hexToRgb(colours.shade),
      watermark: hexToRgb(colours.watermark),
      white: { red: 1, green: 1, blue: 1 },
    },
    preliminary: doc.payRun.status === 'preliminary',
    replacesSentOn: doc.replaces ? sentOn(doc.replaces.deliveredAt) : null,
  };

  const measure = (s: string): number => regular.widthOfTextAtSize(s, TEXT_SIZE);
  const rows = buildTableRows(doc.payslip.lines, pen.labels, (text) => wrapText(clean(text), mm(COLUMNS_MM.textWidth), measure));
  const bodyCapacity = (tableTop: number): number => BANDS_MM.bodyBottom - tableTop - ROW_MM.tableHeader;
  const plans = paginate(rows, bodyCapacity(firstTableTop(pen)), bodyCapacity(BANDS_MM.continuationTableTop));
  plans.forEach((plan, index) => drawPage(pdf, pen, plan, index, plans.length));

  const month = periodMonth(doc.payRun.periodStart);
  return pdf.save({
    title: `${pen.replacesSentOn ? `${pen.labels.correctionMark} ` : ''}${pen.preliminary ? `${pen.labels.preliminaryMark} ` : ''}${pen.labels.title} ${month}`,
    author: doc.company.name,
    subject: `${pen.labels.period} ${periodText(pen)}`,
    date: new Date(`${doc.payRun.payoutDate}T00:00:00Z`),
    idSeed: renderedFields(doc, options.variant, template.fingerprint),
  });
}
