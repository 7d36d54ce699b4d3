import { describe, expect, it } from 'vitest';
import { filtersToSave, paramsOfFilters } from './board-view-params';

describe('a saved view and the address', () => {
  it('turns saved filters into the address’s parameters, custom fields and ranges too', () => {
    expect(
      paramsOfFilters({ ownerId: 'u1', teamId: 't1', source: 'Web', productId: 'p1', q: 'أحمد' }),
    ).toEqual({
      owner: 'u1',
      team: 't1',
      source: 'Web',
      product: 'p1',
      q: 'أحمد',
    });
    expect(paramsOfFilters({ 'cf.tier': 'gold' })).toEqual({ field: 'tier', fieldValue: 'gold' });
    const major = (_: string, minor: string) => String(Number(minor) / 100);
    expect(
      paramsOfFilters(
        { 'cf.revenue.gte': '150000', 'cf.revenue.lte': '900000', 'cf.revenue.currency': 'USD' },
        major,
      ),
    ).toEqual({ field: 'revenue', fieldFrom: '1500', fieldTo: '9000' });
    expect(paramsOfFilters({ unknown: 'x', 'cf.Bad Key': 'y' })).toEqual({});
  });

  it('saves the filters shown, leaving out empty ones, the pipeline and the as-of instant', () => {
    expect(
      filtersToSave({
        ownerId: 'u1',
        teamId: undefined,
        q: '',
        asOf: '2026-01-01T00:00:00Z',
        pipelineId: 'p',
        'cf.tier': 'gold',
      }),
    ).toEqual({ ownerId: 'u1', 'cf.tier': 'gold' });
  });
});
