/**
 * Positions of ordered lists (stages, pipelines, lost reasons) are 1-based places among the
 * active items. Putting an item at place N shifts the items from N onwards down by one.
 * @example placeAt(['a', 'b', 'c'], 'c', 1) → ['c', 'a', 'b']
 * @example placeAt(['a', 'b'], 'x', 99) → ['a', 'b', 'x'] (clamped to the end)
 */
export function placeAt(orderedIds: readonly string[], id: string, position: number): string[] {
  const others = orderedIds.filter((other) => other !== id);
  const index = Math.min(Math.max(position - 1, 0), others.length);
  return [...others.slice(0, index), id, ...others.slice(index)];
}
