import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Caller, createTestApi, ifMatch, type TestApi } from '../../../test/api-harness.js';
import { createDeal, expectStatus } from '../../../test/crm-fixtures.js';

let api: TestApi;
beforeEach(async () => {
  api = await createTestApi();
});
afterEach(async () => {
  await api.close();
});

async function create(caller: Caller, resource: string, payload: Record<string, unknown>) {
  return expectStatus(
    await caller.request({ method: 'POST', url: `/api/v1/${resource}`, payload }),
    201,
  );
}

async function read(caller: Caller, url: string) {
  return expectStatus(await caller.request({ method: 'GET', url }), 200);
}

function merge(
  caller: Caller,
  resource: 'companies' | 'contacts',
  keptId: string,
  keptVersion: number,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
) {
  return caller.request({
    method: 'POST',
    url: `/api/v1/${resource}/${keptId}/merge`,
    headers: { ...ifMatch(keptVersion), ...headers },
    payload: body,
  });
}

/** An id the record had in a system it was imported from, as the import writes it. */
async function addExternalId(kind: string, recordId: string, source: string, externalId: string) {
  await api.database.db
    .insertInto('external_refs')
    .values({
      workspace_id: api.admin.workspaceId,
      kind,
      source,
      external_id: externalId,
      record_id: recordId,
      created_at: api.clock.now,
    })
    .execute();
}

async function externalIdsOf(kind: string, recordId: string) {
  const rows = await api.database.db
    .selectFrom('external_refs')
    .select(['source', 'external_id'])
    .where('kind', '=', kind)
    .where('record_id', '=', recordId)
    .orderBy('external_id')
    .execute();
  return rows.map((r) => `${r.source}:${r.external_id}`);
}

describe('merging companies', () => {
  it('moves deals, contacts, activities and external ids, fills empty fields and records it', async () => {
    const manager = await api.addMember('manager');
    const rep = await api.addMember('rep');
    const kept = await create(api.admin, 'companies', { name: 'Acme', sector: 'Retail' });
    const duplicate = await create(api.admin, 'companies', {
      name: 'ACME Inc.',
      domain: 'acme.example',
      sector: 'Wholesale',
      country: 'SA',
      ownerId: rep.userId,
    });
    // The kept company has no owner: the duplicate's fills it.
    const keptNoOwner = expectStatus(
      await api.admin.request({
        method: 'PATCH',
        url: `/api/v1/companies/${kept.id}`,
        headers: ifMatch(1),
        payload: { ownerId: null },
      }),
      200,
    );
    const deal = await createDeal(api.admin, { title: 'Acme rollout', companyId: duplicate.id });
    const keptDeal = await createDeal(api.admin, { title: 'Acme pilot', companyId: kept.id });
    const contact = await create(api.admin, 'contacts', {
      name: 'Sara',
      companyId: duplicate.id,
    });
    const activity = await create(api.admin, 'activities', {
      kind: 'call',
      subject: 'Intro call',
      companyId: duplicate.id,
    });
    await addExternalId('company', duplicate.id, 'pipedrive', '77');
    await addExternalId('company', kept.id, 'hubspot', 'H1');

    api.clock.now += 60_000;
    const response = await merge(manager, 'companies', kept.id, keptNoOwner.version, {
      duplicateId: duplicate.id,
      duplicateVersion: duplicate.version,
    });
    const result = expectStatus(response, 200);
    expect(response.headers.etag).toBe(`"${keptNoOwner.version + 1}"`);
    expect(result.company).toMatchObject({
      id: kept.id,
      name: 'Acme',
      sector: 'Retail', // kept: not empty
      domain: 'acme.example',
      country: 'SA',
      ownerId: rep.userId,
      version: keptNoOwner.version + 1,
      updatedAt: '2026-03-01T09:01:00.000Z',
    });
    expect(result.merge).toMatchObject({
      kind: 'company',
      keptId: kept.id,
      mergedId: duplicate.id,
      mergedName: 'ACME Inc.',
      actorUserId: manager.userId,
      at: '2026-03-01T09:01:00.000Z',
      filledFields: ['domain', 'country', 'ownerId'],
      moved: { deals: 1, contacts: 1, activities: 1, channels: 0, externalIds: 1 },
      mergedRecord: { id: duplicate.id, name: 'ACME Inc.', sector: 'Wholesale', version: 1 },
    });

    // Everything now names the kept company, with a new version.
    expect(await read(api.admin, `/api/v1/deals/${deal.id}`)).toMatchObject({
      companyId: kept.id,
      version: deal.version + 1,
    });
    expect(await read(api.admin, `/api/v1/deals/${keptDeal.id}`)).toMatchObject({
      version: keptDeal.version,
    });
    expect(await read(api.admin, `/api/v1/contacts/${contact.id}`)).toMatchObject({
      companyId: kept.id,
      version: 2,
    });
    expect(await read(api.admin, `/api/v1/activities/${activity.id}`)).toMatchObject({
      companyId: kept.id,
      version: 2,
    });
    const dealsOfKept = await read(api.admin, `/api/v1/deals?companyId=${kept.id}`);
    expect(dealsOfKept.items.map((d: { id: string }) => d.id).sort()).toEqual(
      [deal.id, keptDeal.id].sort(),
    );
    expect(await externalIdsOf('company', kept.id)).toEqual(['pipedrive:77', 'hubspot:H1']);
    expect(await externalIdsOf('company', duplicate.id)).toEqual([]);

    // The duplicate is gone (soft-deleted), and found by neither search nor list.
    const gone = await api.admin.request({
      method: 'GET',
      url: `/api/v1/companies/${duplicate.id}`,
    });
    expect(gone.statusCode).toBe(404);
    const listed = await read(api.admin, '/api/v1/companies');
    expect(listed.items.map((c: { id: string }) => c.id)).toEqual([kept.id]);
    const row = await api.database.db
      .selectFrom('companies')
      .select(['deleted_at', 'version'])
      .where('id', '=', duplicate.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ deleted_at: api.clock.now, version: 2 });
    // The kept company now answers for the moved deal: it cannot be deleted under it.
    const refused = await api.admin.request({
      method: 'DELETE',
      url: `/api/v1/companies/${kept.id}`,
      headers: ifMatch(result.company.version),
    });
    expect(refused.statusCode).toBe(409);
    // A search by the duplicate's domain finds the kept company.
    const byDomain = await read(api.admin, '/api/v1/companies?q=acme.example');
    expect(byDomain.items.map((c: { id: string }) => c.id)).toEqual([kept.id]);

    // The merge is listed for both records, newest first.
    for (const recordId of [kept.id, duplicate.id]) {
      const merges = await read(rep, `/api/v1/merges?kind=company&recordId=${recordId}`);
      expect(merges.items).toEqual([result.merge]);
    }
    expect((await read(rep, '/api/v1/merges?kind=contact')).items).toEqual([]);
    const other = await api.createOtherWorkspace();
    expect((await read(other, '/api/v1/merges')).items).toEqual([]);
  });

  it('answers stale versions with 409, a merge into itself with 400 and a blind one with 428', async () => {
    const kept = await create(api.admin, 'companies', { name: 'Acme' });
    const duplicate = await create(api.admin, 'companies', { name: 'Acme Ltd' });
    expectStatus(
      await api.admin.request({
        method: 'PATCH',
        url: `/api/v1/companies/${duplicate.id}`,
        headers: ifMatch(1),
        payload: { sector: 'Retail' },
      }),
      200,
    );
    const staleDuplicate = await merge(api.admin, 'companies', kept.id, 1, {
      duplicateId: duplicate.id,
      duplicateVersion: 1,
    });
    expect(staleDuplicate.statusCode).toBe(409);
    expect(staleDuplicate.json().error).toMatchObject({
      code: 'VERSION_CONFLICT',
      details: [{ path: ['duplicateVersion'], code: 'duplicate_changed' }],
      current: { id: duplicate.id, sector: 'Retail', version: 2 },
    });
    const staleKept = await merge(api.admin, 'companies', kept.id, 5, {
      duplicateId: duplicate.id,
      duplicateVersion: 2,
    });
    expect(staleKept.statusCode).toBe(409);
    expect(staleKept.json().error).toMatchObject({
      code: 'VERSION_CONFLICT',
      details: [],
      current: { id: kept.id, version: 1 },
    });
    const itself = await merge(
      api.admin,
      'companies',
      kept.id,
      1,
      { duplicateId: kept.id, duplicateVersion: 1 },
      { 'accept-language': 'ar' },
    );
    expect(itself.statusCode).toBe(400);
    expect(itself.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [
        {
          path: ['duplicateId'],
          code: 'merge_into_itself',
          message: 'لا يُدمج السجل في نفسه؛ اختر سجلًا آخر',
        },
      ],
    });
    const blind = await api.admin.request({
      method: 'POST',
      url: `/api/v1/companies/${kept.id}/merge`,
      payload: { duplicateId: duplicate.id, duplicateVersion: 2 },
    });
    expect(blind.statusCode).toBe(428);
    // Nothing happened: both are still there at the versions they had.
    expect(await read(api.admin, `/api/v1/companies/${kept.id}`)).toMatchObject({ version: 1 });
    expect(await read(api.admin, `/api/v1/companies/${duplicate.id}`)).toMatchObject({
      version: 2,
    });
    expect((await read(api.admin, '/api/v1/merges')).items).toEqual([]);

    // Merging twice: the second finds the duplicate gone.
    expectStatus(
      await merge(api.admin, 'companies', kept.id, 1, {
        duplicateId: duplicate.id,
        duplicateVersion: 2,
      }),
      200,
    );
    const again = await merge(api.admin, 'companies', kept.id, 2, {
      duplicateId: duplicate.id,
      duplicateVersion: 2,
    });
    expect(again.statusCode).toBe(404);
    expect(again.json().error.details).toEqual([
      expect.objectContaining({ path: ['duplicateId'] }),
    ]);
  });

  it('lets reps merge (nothing is lost) and keeps other workspaces’ companies not found', async () => {
    const rep = await api.addMember('rep');
    const kept = await create(rep, 'companies', { name: 'Acme' });
    const duplicate = await create(rep, 'companies', { name: 'Acme Ltd' });
    const byRep = await merge(rep, 'companies', kept.id, 1, {
      duplicateId: duplicate.id,
      duplicateVersion: 1,
    });
    expect(byRep.statusCode).toBe(200);
    expect(byRep.json().merge).toMatchObject({ keptId: kept.id, mergedId: duplicate.id });

    const kept2 = await create(api.admin, 'companies', { name: 'Beta' });
    const duplicate2 = await create(api.admin, 'companies', { name: 'Beta Ltd' });
    const other = await api.createOtherWorkspace();
    const foreign = await create(other, 'companies', { name: 'Acme Elsewhere' });
    const foreignDuplicate = await merge(api.admin, 'companies', kept2.id, 1, {
      duplicateId: foreign.id,
      duplicateVersion: 1,
    });
    expect(foreignDuplicate.statusCode).toBe(404);
    const foreignKept = await merge(api.admin, 'companies', foreign.id, 1, {
      duplicateId: duplicate2.id,
      duplicateVersion: 1,
    });
    expect(foreignKept.statusCode).toBe(404);
    expect(foreignKept.json().error.code).toBe('NOT_FOUND');
    expect(await read(other, `/api/v1/companies/${foreign.id}`)).toMatchObject({ version: 1 });
    expect(await read(api.admin, `/api/v1/companies/${duplicate2.id}`)).toMatchObject({
      version: 1,
    });
  });
});

describe('merging contacts', () => {
  it('moves deal links (one per deal, keeping a role), activities, channels and external ids', async () => {
    const company = await create(api.admin, 'companies', { name: 'Acme' });
    const kept = await create(api.admin, 'contacts', {
      name: 'Sara Ahmed',
      emails: [{ value: 'sara@acme.example', label: 'work' }],
      phones: [{ value: '+966 50 123 4567' }],
    });
    const duplicate = await create(api.admin, 'contacts', {
      name: 'Sara A.',
      jobTitle: 'CFO',
      role: 'decision_maker',
      companyId: company.id,
      emails: [{ value: 'SARA@acme.example' }, { value: 'sara@home.example', label: 'home' }],
      phones: [{ value: '+٩٦٦ ٥٠ ١٢٣ ٤٥٦٧' }, { value: '+966 11 000 0000' }],
    });
    const shared = await createDeal(api.admin, {
      title: 'Both on it',
      contacts: [
        { contactId: kept.id, role: null },
        { contactId: duplicate.id, role: 'buyer' },
      ],
    });
    const onlyDuplicate = await createDeal(api.admin, {
      title: 'Duplicate only',
      contacts: [{ contactId: duplicate.id, role: 'signer' }],
    });
    const untouched = await createDeal(api.admin, {
      title: 'Kept only',
      contacts: [{ contactId: kept.id, role: 'user' }],
    });
    const activity = await create(api.admin, 'activities', {
      kind: 'meeting',
      subject: 'Budget review',
      contactId: duplicate.id,
    });
    await addExternalId('contact', duplicate.id, 'hubspot', 'C9');

    const result = expectStatus(
      await merge(api.admin, 'contacts', kept.id, 1, {
        duplicateId: duplicate.id,
        duplicateVersion: 1,
      }),
      200,
    );
    expect(result.contact).toMatchObject({
      id: kept.id,
      name: 'Sara Ahmed',
      jobTitle: 'CFO',
      role: 'decision_maker',
      companyId: company.id,
      version: 2,
      emails: [
        { value: 'sara@acme.example', label: 'work' },
        { value: 'sara@home.example', normalized: 'sara@home.example', label: 'home' },
      ],
      phones: [{ normalized: '+966501234567' }, { normalized: '+966110000000' }],
    });
    expect(result.merge).toMatchObject({
      kind: 'contact',
      mergedName: 'Sara A.',
      filledFields: ['jobTitle', 'role', 'companyId'],
      moved: { deals: 2, contacts: 0, activities: 1, channels: 2, externalIds: 1 },
      mergedRecord: { id: duplicate.id, emails: [{}, {}], phones: [{}, {}] },
    });

    expect(await read(api.admin, `/api/v1/deals/${shared.id}`)).toMatchObject({
      contacts: [{ contactId: kept.id, role: 'buyer' }],
      version: shared.version + 1,
    });
    expect(await read(api.admin, `/api/v1/deals/${onlyDuplicate.id}`)).toMatchObject({
      contacts: [{ contactId: kept.id, role: 'signer' }],
      version: onlyDuplicate.version + 1,
    });
    expect(await read(api.admin, `/api/v1/deals/${untouched.id}`)).toMatchObject({
      contacts: [{ contactId: kept.id, role: 'user' }],
      version: untouched.version,
    });
    const links = await api.database.db
      .selectFrom('deal_contacts')
      .select(['deal_id', 'contact_id'])
      .where('contact_id', '=', duplicate.id)
      .execute();
    expect(links).toEqual([]);
    expect(await read(api.admin, `/api/v1/activities/${activity.id}`)).toMatchObject({
      contactId: kept.id,
      version: 2,
    });
    const channelsLeft = await api.database.db
      .selectFrom('contact_channels')
      .select('id')
      .where('contact_id', '=', duplicate.id)
      .execute();
    expect(channelsLeft).toEqual([]);
    expect(await externalIdsOf('contact', kept.id)).toEqual(['hubspot:C9']);
    // The kept contact is found by the duplicate's email; the duplicate is gone.
    const byEmail = await read(api.admin, '/api/v1/contacts?email=sara@home.example');
    expect(byEmail.items.map((c: { id: string }) => c.id)).toEqual([kept.id]);
    const bySearch = await read(api.admin, '/api/v1/contacts?q=home.example');
    expect(bySearch.items.map((c: { id: string }) => c.id)).toEqual([kept.id]);
    expect(
      (await api.admin.request({ method: 'GET', url: `/api/v1/contacts/${duplicate.id}` }))
        .statusCode,
    ).toBe(404);
    expect((await read(api.admin, `/api/v1/merges?recordId=${kept.id}`)).items).toEqual([
      result.merge,
    ]);
  });

  it('answers stale versions with 409 and a merge into itself with 400', async () => {
    const kept = await create(api.admin, 'contacts', { name: 'Omar' });
    const duplicate = await create(api.admin, 'contacts', { name: 'Omar H.' });
    const stale = await merge(api.admin, 'contacts', kept.id, 1, {
      duplicateId: duplicate.id,
      duplicateVersion: 3,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details[0].code).toBe('duplicate_changed');
    expect(stale.json().error.current).toMatchObject({ id: duplicate.id, version: 1 });
    const staleKept = await merge(api.admin, 'contacts', kept.id, 2, {
      duplicateId: duplicate.id,
      duplicateVersion: 1,
    });
    expect(staleKept.statusCode).toBe(409);
    expect(staleKept.json().error.current).toMatchObject({ id: kept.id, version: 1 });
    const itself = await merge(api.admin, 'contacts', kept.id, 1, {
      duplicateId: kept.id,
      duplicateVersion: 1,
    });
    expect(itself.statusCode).toBe(400);
    const other = await api.createOtherWorkspace();
    const foreign = await create(other, 'contacts', { name: 'Omar elsewhere' });
    const foreignMerge = await merge(api.admin, 'contacts', kept.id, 1, {
      duplicateId: foreign.id,
      duplicateVersion: 1,
    });
    expect(foreignMerge.statusCode).toBe(404);
    // A rep may merge too: nothing is lost.
    const rep = await api.addMember('rep');
    const byRep = await merge(rep, 'contacts', kept.id, 1, {
      duplicateId: duplicate.id,
      duplicateVersion: 1,
    });
    expect(byRep.statusCode).toBe(200);
    expect(await read(other, `/api/v1/contacts/${foreign.id}`)).toMatchObject({ version: 1 });
  });
});

describe('duplicate candidates', () => {
  it('pairs companies by domain, folded name and a name one letter away, oldest kept', async () => {
    const acme = await create(api.admin, 'companies', { name: 'Acme', domain: 'acme.example' });
    api.clock.now += 1000;
    const acmeInc = await create(api.admin, 'companies', { name: 'ACME, Inc.' });
    api.clock.now += 1000;
    const acmeSa = await create(api.admin, 'companies', {
      name: 'Acme Arabia',
      domain: 'https://www.acme.example/ar',
    });
    const northwind = await create(api.admin, 'companies', { name: 'Northwind Traders' });
    api.clock.now += 1000;
    const typo = await create(api.admin, 'companies', { name: 'Northwind Tradrs' });
    await create(api.admin, 'companies', { name: 'Globex' });
    const amal = await create(api.admin, 'companies', { name: 'شركة الأمل' });
    api.clock.now += 1000;
    const amal2 = await create(api.admin, 'companies', { name: 'الامل' });
    const other = await api.createOtherWorkspace();
    await create(other, 'companies', { name: 'Acme', domain: 'acme.example' });

    const found = await read(api.admin, '/api/v1/companies/duplicates');
    const pairs = found.items.map(
      (p: { keep: { id: string }; duplicate: { id: string }; reasons: string[] }) => [
        p.keep.id,
        p.duplicate.id,
        p.reasons,
      ],
    );
    expect(pairs).toEqual([
      [acme.id, acmeSa.id, ['same_domain']],
      [acme.id, acmeInc.id, ['same_name']],
      [amal.id, amal2.id, ['same_name']],
      [northwind.id, typo.id, ['similar_name']],
    ]);
    expect(found.truncated).toBe(false);
    expect(found.items[0].keep).toMatchObject({ name: 'Acme', version: 1 });

    // Once merged, the pair is no longer offered.
    expectStatus(
      await merge(api.admin, 'companies', acme.id, 1, {
        duplicateId: acmeInc.id,
        duplicateVersion: 1,
      }),
      200,
    );
    const after = await read(api.admin, '/api/v1/companies/duplicates');
    expect(after.items.map((p: { duplicate: { id: string } }) => p.duplicate.id)).toEqual([
      acmeSa.id,
      amal2.id,
      typo.id,
    ]);
  });

  it('pairs contacts by email, phone and folded name, at most 50 pairs', async () => {
    const sara = await create(api.admin, 'contacts', {
      name: 'Sara',
      emails: [{ value: 'sara@acme.example' }],
    });
    const saraAgain = await create(api.admin, 'contacts', {
      name: 'S. Ahmed',
      emails: [{ value: 'SARA@acme.example' }],
    });
    const omar = await create(api.admin, 'contacts', {
      name: 'Omar',
      phones: [{ value: '050 123 4567' }],
    });
    const omarPhone = await create(api.admin, 'contacts', {
      name: 'O. Haddad',
      phones: [{ value: '٠٥٠ ١٢٣ ٤٥٦٧' }],
    });
    const lina = await create(api.admin, 'contacts', { name: 'Lina Nasser' });
    const linaAgain = await create(api.admin, 'contacts', { name: 'lina  NASSER' });
    await create(api.admin, 'contacts', { name: 'Someone else' });

    const found = await read(api.admin, '/api/v1/contacts/duplicates');
    expect(
      found.items.map(
        (p: { keep: { id: string }; duplicate: { id: string }; reasons: string[] }) => [
          p.keep.id,
          p.duplicate.id,
          p.reasons,
        ],
      ),
    ).toEqual([
      [sara.id, saraAgain.id, ['same_email']],
      [omar.id, omarPhone.id, ['same_phone']],
      [lina.id, linaAgain.id, ['same_name']],
    ]);
    expect(found.items[0].duplicate.emails).toEqual([
      expect.objectContaining({ value: 'SARA@acme.example' }),
    ]);

    for (let i = 0; i < 52; i += 1) await create(api.admin, 'contacts', { name: 'Same Name' });
    const many = await read(api.admin, '/api/v1/contacts/duplicates');
    expect(many.items).toHaveLength(50);
    expect(many.truncated).toBe(true);
  });
});
