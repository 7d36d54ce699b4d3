import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../domain/errors.js';
import { decodeCursor, encodeCursor, toPage } from './keyset.js';

function domainErrorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError, nothing was thrown');
}

describe('encodeCursor / decodeCursor', () => {
  it('round-trips string and number sort values with the id', () => {
    expect(decodeCursor(encodeCursor('Acme', 'id-9'))).toEqual(['Acme', 'id-9']);
    expect(decodeCursor(encodeCursor(1_715_000_000_000, 'id-1'))).toEqual([
      1_715_000_000_000,
      'id-1',
    ]);
    expect(decodeCursor(encodeCursor(-12.5, 'x'))).toEqual([-12.5, 'x']);
    expect(decodeCursor(encodeCursor('شركة الأمل', 'معرف'))).toEqual(['شركة الأمل', 'معرف']);
    expect(decodeCursor(encodeCursor('', ''))).toEqual(['', '']);
  });

  it('keeps a number a number and a numeric string a string', () => {
    const [asNumber] = decodeCursor(encodeCursor(42, 'a'));
    const [asString] = decodeCursor(encodeCursor('42', 'a'));
    expect(typeof asNumber).toBe('number');
    expect(typeof asString).toBe('string');
  });

  it('is URL-safe: no +, / or = padding', () => {
    // Bytes like '?' (0x3F) and '>' (0x3E) give '/' and '+' in standard base64 ('??>' → 'Pz8+').
    const [value, id] = ['??>??>~~~', 'ÿÿÿ'];
    const standard = Buffer.from(JSON.stringify([value, id])).toString('base64');
    expect(standard).toMatch(/[+/=]/); // the premise: plain base64 would not be URL-safe here
    expect(encodeCursor(value, id)).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('property: decode(encode(value, id)) gives back value and id', () => {
    const value = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }).filter((v) => !Object.is(v, -0)),
    );
    fc.assert(
      fc.property(value, fc.string({ unit: 'binary' }), (sortValue, id) => {
        expect(decodeCursor(encodeCursor(sortValue, id))).toEqual([sortValue, id]);
      }),
    );
  });

  it('refuses anything that is not a cursor with VALIDATION_FAILED on the cursor field', () => {
    const b64 = (text: string) => Buffer.from(text).toString('base64url');
    const invalid = [
      '',
      'not a cursor!',
      '%%%',
      b64('{"value":1,"id":"a"}'), // an object, not a pair
      b64('[1]'), // too short
      b64('[1,"a","b"]'), // too long
      b64('[1,2]'), // id not a string
      b64('[null,"a"]'), // value neither string nor number
      b64('[true,"a"]'),
      b64('[["nested"],"a"]'),
      b64('"just a string"'),
      b64('[1,"a"'), // truncated JSON
    ];
    for (const cursor of invalid) {
      const error = domainErrorOf(() => decodeCursor(cursor));
      expect(error.code, cursor).toBe('VALIDATION_FAILED');
      expect(error.details.map((d) => d.path)).toEqual([['cursor']]);
    }
  });
});

describe('toPage', () => {
  const rows = [
    { id: 'a', title: 'Alpha' },
    { id: 'b', title: 'Beta' },
    { id: 'c', title: 'Gamma' },
  ];

  it('cuts the extra row and points the cursor at the last row kept', () => {
    const page = toPage(rows, 2, (row) => row.title);
    expect(page.items.map((r) => r.id)).toEqual(['a', 'b']);
    expect(page.nextCursor).not.toBeNull();
    expect(decodeCursor(page.nextCursor ?? '')).toEqual(['Beta', 'b']);
  });

  it('has no next cursor on the last page', () => {
    expect(toPage(rows, 3, (row) => row.title)).toEqual({ items: rows, nextCursor: null });
    expect(toPage(rows, 10, (row) => row.title).nextCursor).toBeNull();
    expect(toPage([], 10, (row: { id: string }) => row.id)).toEqual({
      items: [],
      nextCursor: null,
    });
  });
});
