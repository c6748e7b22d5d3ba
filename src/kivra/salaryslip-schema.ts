import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import draft06MetaSchema from 'ajv/dist/refs/json-schema-draft-06.json' with { type: 'json' };
import salarySlipSchema from '../vendor/kivra/_partials/schema-salary-slip.json' with { type: 'json' };

/**
 * Kivra's `salaryslip` schema (JSON Schema draft-06, vendored unchanged) compiled once.
 *
 * The vendored file's `telephone_number` pattern uses `{,2}`, which Python reads as
 * `{0,2}` but JavaScript either reads literally (no `u` flag, so "+46707070707" fails) or
 * rejects (with `u`, Ajv's default). Kivra's own example uses "+46707070707", so the
 * intended meaning is `{0,2}`: the pattern is rewritten in memory, the file stays as
 * Kivra published it.
 */

const BROKEN_QUANTIFIER = /\{,(\d+)\}/g;

function withFixedPatterns(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withFixedPatterns);
  if (node === null || typeof node !== 'object') return node;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    copy[key] = key === 'pattern' && typeof value === 'string' ? value.replace(BROKEN_QUANTIFIER, '{0,$1}') : withFixedPatterns(value);
  }
  return copy;
}

/** The schema as Kivra meant it: a deep copy with `{,n}` rewritten to `{0,n}`. */
export function fixedSalarySlipSchema(): Record<string, unknown> {
  return withFixedPatterns(salarySlipSchema) as Record<string, unknown>;
}

// Kivra's own formats: each field also carries a `pattern` that says the same thing,
// so the format names only need to be known, not enforced twice.
const KIVRA_FORMATS = ['amount', 'currency-code', 'telephone-number'];

function compile() {
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, meta: true });
  ajv.addMetaSchema(draft06MetaSchema);
  ajv.addKeyword({ keyword: 'example', schemaType: ['string', 'number', 'boolean', 'object', 'array'] });
  addFormatsModule.default(ajv, ['date', 'date-time', 'email']);
  for (const format of KIVRA_FORMATS) ajv.addFormat(format, true);
  return ajv.compile(fixedSalarySlipSchema());
}

let validator: ReturnType<typeof compile> | undefined;

type SalarySlipCheck = { valid: true } | { valid: false; problems: string[] };

/** Checks a `salaryslip` object against Kivra's schema; problems read `/path: message`. */
export function checkSalarySlip(value: unknown): SalarySlipCheck {
  validator ??= compile();
  if (validator(value)) return { valid: true };
  return { valid: false, problems: (validator.errors ?? []).map(describeProblem) };
}

function describeProblem(error: ErrorObject): string {
  const where = error.instancePath === '' ? '/' : error.instancePath;
  if (error.keyword === 'additionalProperties') {
    return `${where}: unknown property "${String((error.params as { additionalProperty: string }).additionalProperty)}"`;
  }
  return `${where}: ${error.message ?? error.keyword}`;
}
