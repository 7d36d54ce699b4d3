import { useDroppable } from '@dnd-kit/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../format';
import type { BoardFilters } from '../../api/board';
import type { Card, Column } from '../../api/models';
import { useColumnPages } from './board-api';
import { DealCard } from './deal-card';

export function stageName(column: Column, language: string): string {
  return language === 'ar' ? column.stage.nameAr : column.stage.nameEn;
}

/**
 * The board's first page of a column plus the pages asked for with "Show more". Pages load
 * from the cursor the board gave when the button was pressed; once the board gives another
 * cursor or the filters change (after a move, an edit or a search), the column shows the
 * board's page alone again, so no card is shown twice or skipped.
 */
function useColumnCards(column: Column, filters: BoardFilters) {
  // What the pages were asked for with: the board's cursor and filters at that moment.
  const askedFor = JSON.stringify([column.nextCursor, filters]);
  const [pagesFor, setPagesFor] = useState<string | null>(null);
  const isShowingMore = column.nextCursor !== null && pagesFor === askedFor;
  const pages = useColumnPages(column.stage.id, filters, column.nextCursor, isShowingMore);
  const loaded = isShowingMore ? (pages.data?.pages ?? []) : [];
  const onBoard = new Set(column.cards.map((c) => c.id));
  const later = loaded.flatMap((page) => page.cards).filter((c) => !onBoard.has(c.id));
  const lastPage = loaded.at(-1);
  return {
    cards: [...column.cards, ...later],
    hasMore: lastPage ? lastPage.nextCursor !== null : column.nextCursor !== null,
    isLoading: isShowingMore && pages.isFetching,
    isError: isShowingMore && pages.isError,
    showMore: () => {
      if (isShowingMore) void pages.fetchNextPage();
      else setPagesFor(askedFor);
    },
  };
}

export function BoardColumn({
  column,
  filters,
  onLose,
  isReadOnly,
}: {
  column: Column;
  filters: BoardFilters;
  onLose: (card: Card) => void;
  isReadOnly: boolean;
}) {
  const { t, i18n } = useTranslation();
  const { setNodeRef, isOver } = useDroppable({ id: column.stage.id, data: { column } });
  const { cards, hasMore, isLoading, isError, showMore } = useColumnCards(column, filters);
  const name = stageName(column, i18n.language);
  const headingId = `stage-${column.stage.id}`;
  return (
    <section
      ref={setNodeRef}
      className={`column${isOver ? ' is-over' : ''}`}
      aria-labelledby={headingId}
    >
      <header className="column__head">
        <h2 id={headingId}>{name}</h2>
        <p className="column__count">{t('board.deals', { count: column.count })}</p>
        <dl className="column__totals">
          <div>
            <dt>{t('board.total')}</dt>
            <dd>{formatMoney(column.total.minor, column.total.currency, i18n.language)}</dd>
          </div>
          <div>
            <dt>{t('board.weighted')}</dt>
            <dd>{formatMoney(column.weighted.minor, column.weighted.currency, i18n.language)}</dd>
          </div>
        </dl>
      </header>
      {cards.length > VIRTUAL_FROM ? (
        <VirtualCards
          cards={cards}
          name={name}
          stageId={column.stage.id}
          onLose={onLose}
          isReadOnly={isReadOnly}
          onNearEnd={hasMore && !isLoading ? showMore : undefined}
        />
      ) : (
        <ul className="column__cards" aria-label={name}>
          {cards.map((card) => (
            <DealCard
              key={card.id}
              card={card}
              stageId={column.stage.id}
              onLose={onLose}
              isReadOnly={isReadOnly}
            />
          ))}
        </ul>
      )}
      {isError && <p role="alert">{t('errors.generic')}</p>}
      {hasMore && (
        <button
          type="button"
          className="column__more"
          aria-busy={isLoading}
          disabled={isLoading}
          onClick={showMore}
        >
          {t('board.showMoreIn', { stage: name })}
        </button>
      )}
    </section>
  );
}

/** Up to this many cards a column renders them all; past it, only those in view. */
const VIRTUAL_FROM = 60;

/**
 * A long column: only the cards in view (and a few around them) are in the page, padding
 * stands in for the others, so thousands of cards keep the page small; near the end the next
 * page loads by itself ("Show more" stays for keyboards).
 */
function VirtualCards({
  cards,
  name,
  stageId,
  onLose,
  isReadOnly,
  onNearEnd,
}: {
  cards: Card[];
  name: string;
  stageId: string;
  onLose: (card: Card) => void;
  isReadOnly: boolean;
  onNearEnd: (() => void) | undefined;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: cards.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 132,
    overscan: 8,
    gap: 8,
    getItemKey: (index) => cards[index]?.id ?? index,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? 0;
  useEffect(() => {
    if (onNearEnd && lastIndex >= cards.length - 15) onNearEnd();
  }, [lastIndex, cards.length, onNearEnd]);
  const before = items[0]?.start ?? 0;
  const after = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  // The list sits in a box of its own that scrolls: padding on the box itself would grow it.
  return (
    <div ref={scrollRef} className="column__scroll">
      <ul
        className="column__cards column__cards--virtual"
        aria-label={name}
        style={{ paddingBlockStart: before, paddingBlockEnd: Math.max(0, after) }}
      >
        {items.map((item) => {
          const card = cards[item.index];
          return card ? (
            <DealCard
              key={card.id}
              card={card}
              stageId={stageId}
              onLose={onLose}
              isReadOnly={isReadOnly}
              measure={{ index: item.index, ref: virtualizer.measureElement }}
            />
          ) : null;
        })}
      </ul>
    </div>
  );
}
