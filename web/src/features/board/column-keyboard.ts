import type { KeyboardCoordinateGetter } from '@dnd-kit/core';

/**
 * Arrow keys jump a picked-up card to the next column left or right (what a person means on a
 * board), up and down move it a little; the screen, not the reading direction, decides left.
 */
export const columnCoordinates: KeyboardCoordinateGetter = (event, { context }) => {
  const { collisionRect, droppableRects, droppableContainers } = context;
  if (!collisionRect) return undefined;
  const center = collisionRect.left + collisionRect.width / 2;
  const columns = droppableContainers
    .getEnabled()
    .map((container) => droppableRects.get(container.id))
    .filter((rect): rect is NonNullable<typeof rect> => rect !== undefined)
    .sort((a, b) => a.left - b.left);
  const target = (direction: 1 | -1) => {
    const candidates = columns.filter((rect) =>
      direction === 1 ? rect.left > center : rect.left + rect.width < center,
    );
    const rect = direction === 1 ? candidates[0] : candidates.at(-1);
    return rect
      ? { x: rect.left + rect.width / 2 - collisionRect.width / 2, y: collisionRect.top }
      : undefined;
  };
  switch (event.code) {
    case 'ArrowRight':
      event.preventDefault();
      return target(1);
    case 'ArrowLeft':
      event.preventDefault();
      return target(-1);
    case 'ArrowDown':
      event.preventDefault();
      return { x: collisionRect.left, y: collisionRect.top + 40 };
    case 'ArrowUp':
      event.preventDefault();
      return { x: collisionRect.left, y: collisionRect.top - 40 };
    default:
      return undefined;
  }
};
