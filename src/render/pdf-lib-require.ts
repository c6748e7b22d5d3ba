import { createRequire } from 'node:module';

/**
 * Loads a module the way pdf-lib itself resolves it — its own files, or the pako it
 * depends on — wherever the package manager put them, so the speed-ups in
 * native-deflate.ts and pdf-lib-hot-paths.ts patch the very instances pdf-lib calls.
 */
export const requireFromPdfLib = createRequire(createRequire(import.meta.url).resolve('pdf-lib'));
