import { describe, expect, test } from 'vitest';
import { assertAllowedApiUrl, isLoopback, resolveBaseUrl } from '../../src/kivra/api-url.js';
import { UsageError } from '../../src/errors.js';

/** Where the client may send bearer tokens and personnummer. */

describe('assertAllowedApiUrl', () => {
  test.each([
    ['https://sender.sandbox-api.kivra.com/', 'https://sender.sandbox-api.kivra.com'],
    ['https://proxy.example.se/kivra/', 'https://proxy.example.se/kivra'],
    ['http://127.0.0.1:8787', 'http://127.0.0.1:8787'],
    ['http://localhost:8787/', 'http://localhost:8787'],
    ['http://[::1]:8787', 'http://[::1]:8787'],
  ])('accepts %s as %s', (input, expected) => {
    expect(assertAllowedApiUrl(input)).toBe(expected);
  });

  test.each([
    'http://192.168.1.20:8080',
    'http://localhost.example.com',
    'http://127.0.0.1.nip.io',
    'ftp://127.0.0.1',
    'not a url',
    // Would be printed in messages, or would swallow the paths appended to it.
    'https://client:secret@sender.api.kivra.com',
    'https://sender.api.kivra.com/?env=1',
    'https://sender.api.kivra.com/#x',
  ])('refuses %s with a usage error', (input) => {
    expect(() => assertAllowedApiUrl(input)).toThrow(UsageError);
  });

  test('loopback means 127.0.0.0/8, ::1 and localhost only', () => {
    expect(isLoopback('127.255.0.1')).toBe(true);
    expect(isLoopback('0.0.0.0')).toBe(false);
    expect(isLoopback('::ffff:7f00:1')).toBe(false);
  });

  test('an explicit URL wins over the environment; local without one means the built-in emulator', () => {
    expect(resolveBaseUrl('production', null)).toBe('https://sender.api.kivra.com');
    expect(resolveBaseUrl('sandbox', undefined)).toBe('https://sender.sandbox-api.kivra.com');
    expect(resolveBaseUrl('local', null)).toBeNull();
    expect(resolveBaseUrl('local', 'http://127.0.0.1:9000/')).toBe('http://127.0.0.1:9000');
  });
});
