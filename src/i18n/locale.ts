/**
 * Numbers, money, times and on/off as a person reads them, in the chosen language and time zone.
 * `--json` and the plain CSV never come here: they keep öre-exact decimals and ISO UTC.
 */
import { formatMoney } from '../domain/format.js';
import type { Ore } from '../domain/types.js';
import { currentLanguage, t } from './catalogue.js';
import { DEFAULT_TIME_ZONE } from './time-zone.js';

const NBSP = '\u00a0';

let zone = DEFAULT_TIME_ZONE;

export function useTimeZone(timeZone: string): void {
  zone = timeZone;
}

export function currentTimeZone(): string {
  return zone;
}

/** `26944320` → `269 443,20 kr` in Swedish, `SEK 269,443.20` in English. */
export function money(ore: Ore): string {
  if (currentLanguage() === 'sv') return `${formatMoney(ore)}${NBSP}kr`;
  const swedish = formatMoney(ore);
  return `SEK${NBSP}${swedish.replaceAll(NBSP, ',').replace(/,(\d\d)$/, '.$1')}`;
}

/** A setting or flag that is on or off, in words: `on`/`off`, `på`/`av`. */
export function onOffText(value: boolean): string {
  return t().common.onOff[value ? 'on' : 'off'];
}

/** `12345` → `12 345` in Swedish, `12,345` in English. */
export function count(n: number): string {
  const digits = String(Math.abs(Math.trunc(n))).replace(/\B(?=(\d{3})+(?!\d))/g, currentLanguage() === 'sv' ? NBSP : ',');
  return n < 0 ? `-${digits}` : digits;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsOf(iso: string): Record<string, string> {
  let formatter = formatters.get(zone);
  if (!formatter) {
    // sv-SE writes dates the ISO way and names CET/CEST; the zone's name is the same in
    // both languages, so an auditor comparing a Swedish and an English log sees one time.
    formatter = new Intl.DateTimeFormat('sv-SE', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    });
    formatters.set(zone, formatter);
  }
  const parts: Record<string, string> = {};
  for (const part of formatter.formatToParts(new Date(iso))) parts[part.type] = part.value;
  return parts;
}

/** `2025-11-25T05:00:00.000Z` → `2025-11-25 06:00 CET` (Europe/Stockholm). */
export function localTime(iso: string): string {
  if (Number.isNaN(Date.parse(iso))) return iso;
  const p = partsOf(iso);
  // A zone without an abbreviation is named by its offset, `GMT−5`: a minus sign Excel and
  // grep mistake for something else, so it is written as a plain hyphen.
  const zoneName = (p.timeZoneName ?? '').replace('−', '-');
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute} ${zoneName}`.trimEnd();
}

/** The local calendar day of an instant: `2025-11-24T23:30:00Z` → `2025-11-25` in Stockholm. */
export function localDate(iso: string): string {
  if (Number.isNaN(Date.parse(iso))) return iso;
  const p = partsOf(iso);
  return `${p.year}-${p.month}-${p.day}`;
}
