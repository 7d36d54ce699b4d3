// Frozen once landed. Additive only: old processes keep working while this is applied (a row
// they insert without the column gets '' and is found again once it is next edited).
import type { Kysely } from 'kysely';
import { buildSearchText } from '../../domain/search-text.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

const BATCH = 500;

/**
 * Activities become searchable like deals, companies and contacts: a folded `search_text` of
 * subject and note (Arabic letter forms and diacritics, Latin case and accents). The folding is
 * the application's own, so existing rows are filled in here, in batches in id order.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable('activities')
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  let after = '';
  for (;;) {
    const rows: { id: string; subject: string; note: string | null }[] = await db
      .selectFrom('activities')
      .select(['id', 'subject', 'note'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH)
      .execute();
    for (const row of rows) {
      await db
        .updateTable('activities')
        .set({ search_text: buildSearchText(row.subject, row.note) })
        .where('id', '=', row.id)
        .execute();
    }
    const last = rows.at(-1);
    if (rows.length < BATCH || !last) return;
    after = last.id;
  }
}

export function down(): Promise<void> {
  return Promise.reject(new Error('Not reversible; restore a backup'));
}
