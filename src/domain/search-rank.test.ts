import { describe, expect, it } from 'vitest';
import { compareHits, phoneQuery, phoneRank, type RankedHit, textRank } from './search-rank.js';
import { normalizeSearchText } from './search-text.js';

describe('textRank', () => {
  const rank = (name: string, other: string, query: string) =>
    textRank(
      normalizeSearchText(name),
      normalizeSearchText(`${name} ${other}`),
      normalizeSearchText(query),
    );

  it('ranks the exact name, a prefix, a word of the name, then anywhere', () => {
    expect(rank('أحمد للتجارة', '', 'احمد للتجاره')).toBe(0);
    expect(rank('أحمد للتجارة', '', 'احمد')).toBe(1);
    expect(rank('مؤسسة الأمل', '', 'الامل')).toBe(2);
    expect(rank('Danilewski', '', 'nile')).toBe(3);
    expect(rank('Nile', '', 'zeta')).toBeNull();
  });

  it('ranks a match in another field (source, domain, email, note) as anywhere', () => {
    expect(rank('Port cranes', 'nile-expo', 'nile')).toBe(3);
    expect(rank('Riyadh Bank', 'riyadbank.com', 'riyadbank')).toBe(3);
  });

  it('finds nothing for an empty term', () => {
    expect(textRank('nile', 'nile', '')).toBeNull();
  });
});

describe('phoneQuery', () => {
  it('reads a number typed in any digits, with its national form without the leading 0', () => {
    expect(phoneQuery('٠٥٠ ١٢٣ ٤٥٦٧')).toEqual(['0501234567', '501234567']);
    expect(phoneQuery('۰۵۰-۱۲۳-۴۵۶۷')).toEqual(['0501234567', '501234567']);
    expect(phoneQuery('+966 (50) 123')).toEqual(['96650123']);
    expect(phoneQuery('\u200e050')).toEqual(['050']);
  });

  it('is not a phone number with letters or fewer than 3 digits', () => {
    expect(phoneQuery('Ahmad 50')).toBeNull();
    expect(phoneQuery('٥٠')).toBeNull();
    expect(phoneQuery('+ -')).toBeNull();
  });
});

describe('phoneRank', () => {
  it('ranks the same number, a prefix, then digits anywhere', () => {
    expect(phoneRank('+966501234567', ['966501234567'])).toBe(0);
    expect(phoneRank('+966501234567', ['0501234567', '501234567'])).toBe(0);
    expect(phoneRank('+966501234567', ['96650'])).toBe(1);
    expect(phoneRank('+966501234567', ['1234'])).toBe(3);
    expect(phoneRank('+966501234567', ['777'])).toBeNull();
  });
});

describe('compareHits', () => {
  const hit = (kind: RankedHit['kind'], title: string, rank: RankedHit['rank']): RankedHit => ({
    kind,
    id: `${kind}-${title}`,
    title,
    rank,
  });

  it('orders by rank, then the shorter name, then the name, then the kind', () => {
    const hits = [
      hit('activity', 'Nile call', 1),
      hit('deal', 'Nile', 1),
      hit('company', 'Nile', 1),
      hit('contact', 'Blue Nile', 2),
      hit('deal', 'Nile', 0),
      hit('contact', 'Nilf', 1),
    ];
    expect(hits.sort(compareHits).map((h) => `${h.kind}:${h.title}:${h.rank}`)).toEqual([
      'deal:Nile:0',
      'deal:Nile:1',
      'company:Nile:1',
      'contact:Nilf:1',
      'activity:Nile call:1',
      'contact:Blue Nile:2',
    ]);
  });
});
