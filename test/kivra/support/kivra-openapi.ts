import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import draft06MetaSchema from 'ajv/dist/refs/json-schema-draft-06.json' with { type: 'json' };
import { parse as parseYaml } from 'yaml';
import { VENDOR_DIR } from '../../helpers/cli.js';

/**
 * Kivra's own OpenAPI description (`src/vendor/kivra/swagger.yml`), with its `$ref`s to
 * `_partials/` files inlined, turned into JSON-schema validators for the request and
 * response bodies payslips exchanges with Kivra. Nothing here is written by us except
 * the one documented fix: the salaryslip schema's `{,2}` quantifier reads `{0,2}`
 * (src/vendor/README.md), because JavaScript cannot compile it as published.
 */

export const KIVRA_DIR = join(VENDOR_DIR, 'kivra');
const SWAGGER = join(KIVRA_DIR, 'swagger.yml');
const DOC_ID = 'https://kivra.test/swagger.json';

/** Reads a YAML or JSON file and inlines every `$ref` to another file, relative to it. */
function loadInlined(path: string): unknown {
  const text = readFileSync(path, 'utf8');
  const value: unknown = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  return inline(value, dirname(path));
}

function inline(node: unknown, baseDir: string): unknown {
  if (Array.isArray(node)) return node.map((item) => inline(item, baseDir));
  if (node === null || typeof node !== 'object') return node;
  const record = node as Record<string, unknown>;
  const ref = record.$ref;
  if (typeof ref === 'string' && !ref.startsWith('#')) {
    const [file, pointer] = ref.split('#');
    const target = join(baseDir, file!);
    let value = loadInlined(target);
    if (pointer) value = resolvePointer(value, pointer);
    const { $ref: _ref, ...siblings } = record;
    // OpenAPI 3.1 allows siblings beside `$ref` (e.g. a description); keep them.
    return { ...(value as Record<string, unknown>), ...(inline(siblings, baseDir) as Record<string, unknown>) };
  }
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) copy[key] = inline(value, baseDir);
  return copy;
}

function resolvePointer(value: unknown, pointer: string): unknown {
  let here = value;
  for (const raw of pointer.split('/').filter((s) => s !== '')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    here = (here as Record<string, unknown>)[key];
  }
  return here;
}

/** The documented fix of docs/kivra-api.md §4.3, applied to every `pattern` in the document. */
function fixBrokenQuantifiers(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(fixBrokenQuantifiers);
  if (node === null || typeof node !== 'object') return node;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    copy[key] = key === 'pattern' && typeof value === 'string' ? value.replace(/\{,(\d+)\}/g, '{0,$1}') : fixBrokenQuantifiers(value);
  }
  return copy;
}

export interface KivraOpenApi {
  doc: Record<string, any>;
  /** Validator for a schema at a JSON pointer into the document, e.g. `/components/schemas/Tenant_v2`. */
  validator(pointer: string): ValidateFunction;
  requestSchema(path: string, method: string): ValidateFunction;
  responseSchema(path: string, method: string, status: number): ValidateFunction;
}

let cached: KivraOpenApi | undefined;

export function loadKivraOpenApi(): KivraOpenApi {
  if (cached) return cached;
  const doc = fixBrokenQuantifiers(loadInlined(SWAGGER)) as Record<string, any>;
  // OpenAPI keywords (example, nullable, readOnly, x-…) are not JSON Schema validation
  // keywords; strict mode would reject the document for them.
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  ajv.addMetaSchema(draft06MetaSchema);
  addFormatsModule.default(ajv);
  // Kivra's own format names; each such field also carries a `pattern` that is enforced.
  for (const name of ['amount', 'currency-code', 'telephone-number', 'ISO8601', 'hexadecimal', 'hexadecimal value', 'url', 'Base64-encoded data', 'Base64-encoded HTML data', 'ISO4217']) {
    ajv.addFormat(name, true);
  }
  ajv.addSchema({ $id: DOC_ID, paths: doc.paths, components: doc.components });
  const compiled = new Map<string, ValidateFunction>();
  const validator = (pointer: string): ValidateFunction => {
    let fn = compiled.get(pointer);
    if (!fn) {
      const fragment = pointer
        .split('/')
        .map((segment) => encodeURIComponent(segment))
        .join('/');
      fn = ajv.compile({ $ref: `${DOC_ID}#${fragment}` });
      compiled.set(pointer, fn);
    }
    return fn;
  };
  const escape = (s: string): string => s.replace(/~/g, '~0').replace(/\//g, '~1');
  cached = {
    doc,
    validator,
    requestSchema: (path, method) => validator(`/paths/${escape(path)}/${method.toLowerCase()}/requestBody/content/${escape('application/json')}/schema`),
    responseSchema: (path, method, status) =>
      validator(`/paths/${escape(path)}/${method.toLowerCase()}/responses/${status}/content/${escape('application/json')}/schema`),
  };
  return cached;
}

/** ajv's errors as short lines, for assertion messages. */
export function describeErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`).join('\n');
}
