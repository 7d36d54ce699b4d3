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
  it('opens a deal’s, company’s or contact’s page, and an activity in its list by subject', () => {
    expect(hitPath(hit('deal', 'أحمد للتجارة'))).toBe('/deals/deal-1');
    expect(hitPath(hit('company', 'Nile & Co'))).toBe('/companies/company-1');
    expect(hitPath(hit('contact', 'سارة'))).toBe('/contacts/contact-1');
    expect(hitPath(hit('activity', 'Call & demo'))).toBe('/activities?q=Call+%26+demo');
  });
});
