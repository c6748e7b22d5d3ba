/**
 * Payslip templates: a directory with `template.json` (labels, colours, footer, fonts, logo).
 * A company's own directory only needs the keys it changes; they are merged over the default
 * template. Loading is the only IO: the returned `Template` carries the font and logo bytes so
 * rendering thousands of payslips never touches the disk again.
 */
import { createHash } from 'node:crypto';
import { open, readFile, realpath } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { UsageError } from '../errors.js';
import { t, type Catalogue } from '../i18n/catalogue.js';
import { checkImage } from './image-check.js';
import { loadPdfFont, type PdfFont } from './pdf/index.js';

// Messages are functions, so they speak the run's language whenever this module was loaded.
const rule = () => t().session.template.rule;
const hexColour = z.string().regex(/^#[0-9a-fA-F]{6}$/, { error: () => rule().colour });
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;
const printedText = (max: number) =>
  z
    .string()
    .max(max, { error: () => rule().atMost(max) })
    .refine((s) => !CONTROL_CHARACTERS.test(s), { error: () => rule().noControls });
const label = printedText(80).min(1);

/**
 * A font is either one of the bundled Inter weights (`Inter_400Regular`, `Inter_700Bold`, …)
 * or a TrueType/OpenType file relative to the template directory.
 */
const fontRef = z
  .string()
  .regex(/^(Inter_[1-9]00[A-Za-z_]+|[^\0]+\.(ttf|otf))$/, { error: () => rule().font });

const templateConfigSchema = z.strictObject({
  fonts: z.strictObject({ regular: fontRef, bold: fontRef }),
  colours: z.strictObject({
    accent: hexColour,
    text: hexColour,
    muted: hexColour,
    rule: hexColour,
    shade: hexColour,
    watermark: hexColour,
  }),
  logo: z
    .strictObject({
      file: z.string().regex(/\.(png|jpe?g)$/i, { error: () => rule().logoFile }),
      /** Printed width; the height follows the image, capped so the logo fits the header. */
      widthMm: z.number().positive().max(80).default(40),
    })
    .nullable(),
  footer: printedText(400),
  labels: z.strictObject({
    title: label,
    preliminaryMark: label,
    preliminaryNote: label,
    correctionMark: label,
    correctionNote: label.refine((text) => text.includes('{date}'), { error: () => rule().dateMark }),
    employer: label,
    orgNumber: label,
    employee: label,
    employeeNumber: label,
    personnummer: label,
    period: label,
    payoutDate: label,
    taxTable: label,
    senderPrefix: label,
    columnCode: label,
    columnText: label,
    columnQuantity: label,
    columnUnit: label,
    columnRate: label,
    columnAmount: label,
    sectionGross: label,
    sectionBenefit: label,
    sectionNet: label,
    continued: label,
    totals: label,
    grossPay: label,
    benefits: label,
    tax: label,
    netItems: label,
    netPay: label,
    netPayOwed: label,
    vacation: label,
    vacationRemaining: label,
    vacationUsed: label,
    yearToDate: label,
    ytdGrossPay: label,
    ytdTax: label,
    taxInfo: label,
    missing: label,
    page: label.refine((s) => s.includes('{page}') && s.includes('{pages}'), { error: () => rule().pageMarks }),
    email: label,
    phone: label,
  }),
});
type TemplateConfig = z.infer<typeof templateConfigSchema>;
export type TemplateLabels = TemplateConfig['labels'];
export type TemplateColours = TemplateConfig['colours'];

interface TemplateLogo {
  bytes: Uint8Array;
  format: 'png' | 'jpeg';
  widthMm: number;
}

/** A loaded template: everything rendering needs, with no further IO. */
export interface Template {
  config: TemplateConfig;
  /** Prepared for embedding once per process (pdf/font.ts). */
  fonts: { regular: PdfFont; bold: PdfFont };
  logo: TemplateLogo | null;
  /** sha256 over config, fonts and logo; part of each PDF's /ID so a new template changes it. */
  fingerprint: string;
}

/**
 * The package root is two levels above this file both in `src/render/` (tests) and in
 * `dist/render/` (the built CLI), so the bundled templates are found from either.
 */
const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DEFAULT_TEMPLATE_DIR = join(packageRoot, 'templates', 'default');

const requireFromHere = createRequire(import.meta.url);

type JsonObject = Record<string, unknown>;

function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Objects merge key by key; anything else (including null) in the override replaces. */
function mergeTemplateJson(base: unknown, override: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(override)) return override;
  const merged: JsonObject = { ...base };
  for (const [key, value] of Object.entries(override)) {
    merged[key] = key in base ? mergeTemplateJson(base[key], value) : value;
  }
  return merged;
}

async function readTemplateJson(dir: string): Promise<unknown> {
  const file = join(dir, 'template.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(t().session.template.cannotRead(file), {
      code: 'invalid_template',
      suggestion: t().session.template.cannotReadFix,
      details: [error instanceof Error ? error.message : String(error)],
    });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(t().session.template.notJson(file), {
      code: 'invalid_template',
      details: [error instanceof Error ? error.message : String(error)],
    });
  }
}

/** A logo larger than this is a photo, not a logo: it would push payslips past Kivra's 1 MB. */
const MAX_LOGO_BYTES = 2 * 1024 * 1024;
const MAX_LOGO_PIXELS = { maxWidth: 4000, maxHeight: 4000 };

type Asset = keyof Catalogue['session']['template']['what'];

async function readAsset(path: string, asset: Asset, maxBytes = Infinity): Promise<Uint8Array> {
  const words = t().session.template;
  const what = words.what[asset];
  let bytes: Buffer;
  try {
    const handle = await open(path);
    try {
      const stats = await handle.stat();
      if (!stats.isFile()) throw new UsageError(words.notAFile(what, path), { code: 'invalid_template' });
      if (stats.size > maxBytes) {
        throw new UsageError(words.tooLarge(what, path, megabytes(stats.size), megabytes(maxBytes)), { code: 'invalid_template' });
      }
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(words.cannotReadFile(what, path), {
      code: 'invalid_template',
      details: [error instanceof Error ? error.message : String(error)],
    });
  }
  // A copy of its own: pdf-lib's JPEG reader reads `bytes.buffer` from offset 0.
  return new Uint8Array(bytes);
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * A file a template names, which must lie inside its directory: given relative to it, and
 * still inside once links are followed. A template may come from someone else, and must
 * not make `send` read (and embed in payslips) a file from elsewhere on the machine.
 */
async function templateFile(dir: string, ref: string, asset: Asset): Promise<string> {
  const words = t().session.template;
  const what = words.what[asset];
  if (isAbsolute(ref)) {
    throw new UsageError(words.notRelative(what, ref, dir), { code: 'invalid_template' });
  }
  const path = resolve(dir, ref);
  const outside = (leadsTo: string | null): UsageError =>
    new UsageError(words.outside(what, ref, dir, leadsTo), {
      code: 'invalid_template',
      suggestion: words.outsideFix,
    });
  if (!path.startsWith(resolve(dir) + sep)) throw outside(null);
  let real: string;
  let realDir: string;
  try {
    [real, realDir] = await Promise.all([realpath(path), realpath(dir)]);
  } catch (error) {
    throw new UsageError(words.cannotReadFile(what, path), {
      code: 'invalid_template',
      details: [error instanceof Error ? error.message : String(error)],
    });
  }
  if (!real.startsWith(realDir + sep)) throw outside(real);
  return real;
}

async function fontPath(ref: string, dir: string): Promise<string> {
  if (ref.startsWith('Inter_')) {
    const weight = ref.slice('Inter_'.length);
    try {
      return requireFromHere.resolve(`@expo-google-fonts/inter/${weight}/${ref}.ttf`);
    } catch {
      throw new UsageError(t().session.template.unknownWeight(ref), {
        code: 'invalid_template',
        suggestion: t().session.template.unknownWeightFix,
      });
    }
  }
  return templateFile(dir, ref, 'font');
}

/** Fonts are prepared once here so every render embeds them cheaply (see pdf/font.ts). */
function prepareFont(bytes: Uint8Array): PdfFont {
  try {
    return loadPdfFont(bytes);
  } catch (error) {
    throw new UsageError(t().session.template.badFont, {
      code: 'invalid_template',
      details: [error instanceof Error ? error.message : String(error)],
    });
  }
}

/** True when the company's own template.json sets this (nested) key, so its files live there. */
function overrides(custom: unknown, ...path: string[]): boolean {
  let node = custom;
  for (const key of path) {
    if (!isPlainObject(node) || !(key in node)) return false;
    node = node[key];
  }
  return true;
}

/**
 * One problem of template.json in the run's words, where it is: `labels.title: at most 80
 * characters`. Our own rules carry their words; zod's built-in checks are worded here.
 */
function templateIssueText(issue: z.core.$ZodIssue): string {
  const words = rule();
  const path = issue.path.map(String).join('.');
  const problem = ((): string => {
    switch (issue.code) {
      case 'unrecognized_keys':
        return words.unknownKeys(issue.keys.join(', '));
      case 'invalid_type': {
        const expected = issue.expected as string;
        return expected === 'string' || expected === 'number' || expected === 'object' ? words.expected[expected] : words.invalid;
      }
      case 'too_small':
        return issue.origin === 'string' ? words.notEmpty : words.positive;
      case 'too_big':
        return issue.origin === 'string' ? issue.message : words.atMostNumber(String(issue.maximum));
      case 'invalid_format':
      case 'custom':
        return issue.message;
      default:
        return words.invalid;
    }
  })();
  return path === '' ? problem : words.at(path, problem);
}

/**
 * Loads the default template, or a company's directory merged over it. Throws a
 * `UsageError` (code `invalid_template`) listing every problem when the result is invalid.
 */
export async function loadTemplate(dir?: string): Promise<Template> {
  const defaults = await readTemplateJson(DEFAULT_TEMPLATE_DIR);
  const customDir = dir === undefined ? null : resolve(dir);
  const custom = customDir === null ? undefined : await readTemplateJson(customDir);
  const parsed = templateConfigSchema.safeParse(custom === undefined ? defaults : mergeTemplateJson(defaults, custom));
  if (!parsed.success) {
    throw new UsageError(t().session.template.invalid(customDir ?? DEFAULT_TEMPLATE_DIR), {
      code: 'invalid_template',
      details: parsed.error.issues.map(templateIssueText),
    });
  }
  const config = parsed.data;
  const dirFor = (...path: string[]): string =>
    customDir !== null && overrides(custom, ...path) ? customDir : DEFAULT_TEMPLATE_DIR;

  const [regularBytes, boldBytes] = await Promise.all([
    readAsset(await fontPath(config.fonts.regular, dirFor('fonts', 'regular')), 'font'),
    readAsset(await fontPath(config.fonts.bold, dirFor('fonts', 'bold')), 'font'),
  ]);
  const fonts = { regular: prepareFont(regularBytes), bold: prepareFont(boldBytes) };

  let logo: TemplateLogo | null = null;
  if (config.logo) {
    const path = await templateFile(dirFor('logo'), config.logo.file, 'logo');
    const bytes = await readAsset(path, 'logo', MAX_LOGO_BYTES);
    const image = await checkImage(bytes, MAX_LOGO_PIXELS);
    if (!image.ok) throw new UsageError(t().session.template.badLogo(path, image.problem), { code: 'invalid_template' });
    logo = { bytes, format: image.format, widthMm: config.logo.widthMm };
  }

  const hash = createHash('sha256').update(JSON.stringify(config)).update(regularBytes).update(boldBytes);
  if (logo) hash.update(logo.bytes);
  return {
    config,
    fonts,
    logo,
    fingerprint: hash.digest('hex'),
  };
}
