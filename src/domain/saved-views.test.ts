import { describe, expect, it } from 'vitest';
import { viewFilterErrors } from './saved-views.js';

describe('a saved view’s filters', () => {
  it('takes the board’s filters and custom-field parameters', () => {
    expect(
      viewFilterErrors({
        ownerId: 'u1',
        teamId: 't1',
        source: 'Web',
        productId: 'p1',
        q: 'أحمد',
        'cf.tier': 'gold',
        'cf.revenue.gte': '100',
        'cf.revenue.currency': 'USD',
      }),
    ).toEqual([]);
  });

  it('names each filter it cannot keep, at its path', () => {
    const errors = viewFilterErrors({ colour: 'red', 'cf.tier.between': '1', q: 'x'.repeat(201) });
    expect(errors.map((e) => [e.path, e.code])).toEqual([
      [['filters', 'colour'], 'unknown_filter'],
      [['filters', 'cf.tier.between'], 'custom_field_operator'],
      [['filters', 'q'], 'too_long'],
    ]);
    const many = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`cf.f${i}`, 'x']));
    expect(viewFilterErrors(many)[0]?.code).toBe('too_many_filters');
  });
});
