import { describe, expect, it } from 'vitest';
import { isPlausiblePhone, normalizeEmail, normalizePhone } from '../../domain/contact-channel.js';
import { toChannelRows } from './contact-channels.js';

describe('contact channels', () => {
  it.each([
    ['+966 50 123 4567', '+966501234567'],
    ['+٩٦٦ (٥٠) ١٢٣-٤٥٦٧', '+966501234567'],
    ['۰۵۰ ۱۲۳ ۴۵۶۷', '0501234567'],
    ['\u200f+971-4-123-4567', '+97141234567'],
    ['(050) 123.45.67 ext 9', '05012345679'],
  ])('normalises the phone %j to %j', (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });

  it('knows a phone number from text', () => {
    expect(isPlausiblePhone('٩١١')).toBe(true);
    expect(isPlausiblePhone('call me')).toBe(false);
    expect(isPlausiblePhone('+1')).toBe(false);
    expect(isPlausiblePhone('1'.repeat(21))).toBe(false);
  });

  it('lower-cases and trims emails, keeping the first of repeated addresses', () => {
    expect(normalizeEmail('  Sara@Example.COM ')).toBe('sara@example.com');
    const rows = toChannelRows('w', 'c', 'email', [
      { value: 'Sara@Example.com', label: ' work ' },
      { value: 'sara@example.com', label: 'home' },
      { value: 'omar@example.com', label: '' },
    ]);
    expect(rows.map((r) => [r.value, r.normalized, r.label, r.position])).toEqual([
      ['Sara@Example.com', 'sara@example.com', 'work', 0],
      ['omar@example.com', 'omar@example.com', null, 1],
    ]);
  });
});
