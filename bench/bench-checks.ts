/**
 * Before timing, both sides of a case must return the same data; otherwise the ratio would
 * compare different work. These checks throw with the first difference found.
 */

export interface BoardBody {
  columns: { stage: { id: string; key: string }; count: number; cards: { id: string }[] }[];
}

export interface ListBody {
  items: { id: string }[];
}

interface BoardBaselineRows {
  groups: { stage_id: string; deal_count: number | string }[];
  cards: { id: string; stage_id: string }[];
}

/** Same count per column and the same cards, in the same order, as the baseline's rows. */
export function assertSameBoard(body: BoardBody, baseline: BoardBaselineRows): void {
  for (const column of body.columns) {
    const stageId = column.stage.id;
    const count = baseline.groups
      .filter((g) => g.stage_id === stageId)
      .reduce((sum, g) => sum + Number(g.deal_count), 0);
    if (count !== column.count) {
      throw new Error(`board ${column.stage.key}: Qanat counts ${column.count}, baseline ${count}`);
    }
    const expected = baseline.cards.filter((c) => c.stage_id === stageId).map((c) => c.id);
    assertSameList(
      `board ${column.stage.key} cards`,
      column.cards.map((c) => c.id),
      expected,
    );
  }
}

export function assertSameIds(body: ListBody, baseline: { id: string }[]): void {
  assertSameList(
    'deal list',
    body.items.map((d) => d.id),
    baseline.map((d) => d.id),
  );
}

/** The same strings in the same order; throws with the first difference. */
export function assertSameList(what: string, actual: string[], expected: string[]): void {
  const index = actual.findIndex((id, i) => id !== expected[i]);
  if (actual.length !== expected.length || index !== -1) {
    throw new Error(
      `${what}: Qanat returned ${actual.length} rows, baseline ${expected.length}; ` +
        `first difference at ${index === -1 ? actual.length : index}`,
    );
  }
}
