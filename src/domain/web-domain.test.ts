import { describe, expect, it } from 'vitest';
import { normalizeWebDomain } from './web-domain.js';

describe('normalizeWebDomain', () => {
  it.each([
    ['acme.com', 'acme.com'],
    ['  ACME.com  ', 'acme.com'],
    ['https://www.Acme.com:8443/about?x=1#team', 'acme.com'],
    ['http://sales@acme.co.uk/', 'acme.co.uk'],
    ['//www.acme.com', 'acme.com'],
    ['acme.com.', 'acme.com'],
    ['WWW.مثال.السعودية/', 'مثال.السعودية'],
    ['www2.acme.com', 'www2.acme.com'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeWebDomain(input)).toBe(expected);
  });

  it.each(['', 'acme', 'not a domain', 'https://', 'acme..com', '<script>.com'])(
    'refuses %j',
    (input) => {
      expect(normalizeWebDomain(input)).toBeNull();
    },
  );
});
