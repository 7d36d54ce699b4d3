import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../test/api-harness.js';
import { createCompany, getCompany } from './records/company.service.js';
import { createCustomField } from './records/custom-field.service.js';
import { fillCustomValuesFrom } from './custom-values.js';

let api: TestApi;
beforeEach(async () => {
  api = await createTestApi();
});
afterEach(async () => {
  await api.close();
});

describe('fillCustomValuesFrom (merging duplicates)', () => {
  it('copies the duplicate’s values of fields the kept record has none of', async () => {
    const ctx = api.adminContext();
    for (const key of ['revenue', 'employees']) {
      await createCustomField(ctx, {
        recordKind: 'company',
        key,
        type: 'number',
        labelEn: key,
        labelAr: key,
      });
    }
    const kept = await createCompany(ctx, { name: 'Acme', customFields: { revenue: 10 } });
    const duplicate = await createCompany(ctx, {
      name: 'ACME Inc.',
      customFields: { revenue: 99, employees: 250 },
    });
    expect(await fillCustomValuesFrom(ctx, 'company', duplicate.id, kept.id)).toEqual([
      'employees',
    ]);
    expect((await getCompany(ctx, kept.id)).customFields).toEqual({ revenue: 10, employees: 250 });
    expect((await getCompany(ctx, duplicate.id)).customFields).toEqual({
      revenue: 99,
      employees: 250,
    });
  });
});
