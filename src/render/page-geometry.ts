/**
 * Where things sit on the A4 page. Positions are given in millimetres from the page's top-left
 * corner, as a designer measures them; `x()` and `y()` convert to PDF points, whose origin is
 * the bottom-left corner.
 */

export const PT_PER_MM = 72 / 25.4;
/** A4 portrait in points (210 × 297 mm). */
export const PAGE_WIDTH = 595.28;
export const PAGE_HEIGHT = 841.89;

export const MARGIN_LEFT_MM = 20;
export const MARGIN_RIGHT_MM = 190;

export function mm(value: number): number {
  return value * PT_PER_MM;
}

export function x(mmFromLeft: number): number {
  return mm(mmFromLeft);
}

export function y(mmFromTop: number): number {
  return PAGE_HEIGHT - mm(mmFromTop);
}

/**
 * The address window of a C5 window envelope with the window on the left (Swedish "V2"
 * placement), for an A4 sheet folded once: 20 mm from the left edge, its top 45 mm below the
 * top of the sheet, 90 mm wide and 45 mm high (so 20–110 mm across, 45–90 mm down). The sheet
 * can move a few millimetres inside the envelope, so the address is kept at least 5 mm inside
 * every edge of this rectangle (see `ADDRESS_BLOCK`).
 */
export const ENVELOPE_WINDOW_MM = { left: 20, top: 45, width: 90, height: 45 } as const;

/** Where the recipient's lines go inside the window: the safe area after a 5 mm play. */
export const ADDRESS_BLOCK_MM = {
  left: ENVELOPE_WINDOW_MM.left + 5,
  top: ENVELOPE_WINDOW_MM.top + 5,
  width: ENVELOPE_WINDOW_MM.width - 10,
  height: ENVELOPE_WINDOW_MM.height - 10,
} as const;

/** Vertical bands of the page, in mm from the top. */
export const BANDS_MM = {
  /** Logo or employer name, and the title, on every page. */
  headerTop: 12,
  /** First page: employee block (envelope window) and details box. */
  partiesTop: 45,
  partiesBottom: 86,
  /** First page table start, with and without the preliminary note above it. */
  firstTableTop: 93,
  firstTableTopPreliminary: 101,
  /** Continuation pages: a one-line identity strip, then the table. */
  continuationStripTop: 45,
  continuationTableTop: 54,
  /** Rows never run below this; the footer sits under it. */
  bodyBottom: 272,
  footerRule: 278,
} as const;

/** Column edges of the lines table, in mm from the left. Numbers are right-aligned. */
export const COLUMNS_MM = {
  codeLeft: 22,
  textLeft: 36,
  textWidth: 72,
  quantityRight: 126,
  unitLeft: 129,
  rateRight: 160,
  amountRight: 188,
} as const;
