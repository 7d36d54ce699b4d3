import { describe, expect, it } from 'vitest';
import { hitPath, type SearchHit } from './search-path';

const hit = (kind: SearchHit['kind'], title: string): SearchHit => ({
  kind,
  id: `${kind}-1`,
  title,
  subtitle: null,
  activityKind: null,
});

describe('hitPath', () => {
  it('opens a deal’s page, and the other kinds in their list filtered by name', () => {
    expect(hitPath(hit('deal', 'أحمد للتجارة'))).toBe('/deals/deal-1');
    expect(hitPath(hit('company', 'Nile & Co'))).toBe('/companies?q=Nile+%26+Co');
    expect(hitPath(hit('contact', 'سارة'))).toBe(`/contacts?q=${encodeURIComponent('سارة')}`);
    expect(hitPath(hit('activity', 'Call'))).toBe('/activities?q=Call');
  });
});
