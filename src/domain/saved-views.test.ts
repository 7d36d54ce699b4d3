import { describe, expect, it } from 'vitest';
import {
  compareViews,
  viewCustomFieldConditions,
  viewFilterErrors,
  viewNameKey,
} from './saved-views.js';

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

  it('hands the well-written custom-field filters on, at their paths in the body', () => {
    expect(
      viewCustomFieldConditions({ q: 'x', 'cf.tier': 'gold', 'cf.budget.gte': '5', 'cf.x.y': '1' }),
    ).toEqual([
      { path: ['filters', 'cf.tier'], key: 'tier', op: 'eq', value: 'gold' },
      { path: ['filters', 'cf.budget.gte'], key: 'budget', op: 'gte', value: '5' },
    ]);
  });
});

describe('a saved view’s name', () => {
  it('is the same name whatever its letter case and the spaces around it', () => {
    expect(viewNameKey(' Gold DEALS ')).toBe(viewNameKey('gold deals'));
    expect(viewNameKey('Émile')).toBe(viewNameKey('émile'));
    // Composed and decomposed accents are one name.
    expect(viewNameKey('E\u0301mile')).toBe(viewNameKey('\u00c9mile'));
    expect(viewNameKey('أحمد')).not.toBe(viewNameKey('احمد'));
  });

  it('orders views as a person reads their names, then by id', () => {
    const names = ['view 10', 'Gold', 'صفقات', 'émile', 'view 2', 'beta', 'Beta'];
    const views = names.map((name, i) => ({ name, id: `id${9 - i}` }));
    expect(views.sort(compareViews).map((v) => v.name)).toEqual([
      'Beta',
      'beta',
      'émile',
      'Gold',
      'view 2',
      'view 10',
      'صفقات',
    ]);
  });
});
