import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { expect, test } from 'vitest';
import { ENGINE_PACKAGES } from '../../src/render/pdf/versions.js';

const require = createRequire(import.meta.url);
const root = join(dirname(require.resolve('../../package.json')));
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };

/** The version npm installed: the package's own package.json (fontkit's exports map hides it from require). */
function installed(name: string): string {
  const file = join(root, 'node_modules', name, 'package.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

test.each(Object.entries(ENGINE_PACKAGES))('%s is the exact version the PDF engine was written for', (name, { version, review }) => {
  const declared = manifest.dependencies[name];
  expect(declared, `package.json must pin ${name} exactly to ${version} (found ${declared}); the engine in src/render/pdf/ was written for ${version}`).toBe(version);
  const found = installed(name);
  expect(found, `${name} ${found} is installed, but src/render/pdf/ was written for ${version}: review ${review}, run the render tests and the bench, then update src/render/pdf/versions.ts`).toBe(version);
});

test('no other PDF or font package is a dependency beside the engine’s', () => {
  const pdfOrFont = /pdf|font/i;
  const dependencies = Object.keys(manifest.dependencies).filter((name) => pdfOrFont.test(name));
  expect(dependencies.sort()).toEqual(Object.keys(ENGINE_PACKAGES).sort());
  // pdfjs-dist reads the PDFs back in the tests; its text extraction is what they assert on.
  expect(manifest.devDependencies['pdfjs-dist'], 'pin pdfjs-dist exactly: the render tests read text through it').toMatch(/^\d+\.\d+\.\d+$/);
});
