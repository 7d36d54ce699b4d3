import { useDraggable } from '@dnd-kit/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatMoney } from '../../format';
import type { Card } from '../../api/models';

/**
 * A card: its body is the drag handle (a button for keyboards and screen readers), its links
 * and actions sit beside it, never inside it. The handle is named "Move <title>" followed by
 * everything else it shows, so its name holds all of its visible text (WCAG 2.5.3, label in
 * name): speech input can reach it by any words on the card.
 */
export function DealCard({
  card,
  stageId,
  onLose,
  isReadOnly = false,
  measure,
}: {
  card: Card;
  /** The column the card sits in, for the drop handler. */
  stageId: string;
  onLose: (card: Card) => void;
  /** The board of a past day: cards show where they stood and cannot be moved. */
  isReadOnly?: boolean;
  /** In a virtualised column: the card's place, and how the list learns its height. */
  measure?: { index: number; ref: (element: HTMLElement | null) => void } | undefined;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({
    id: card.id,
    data: { card, stageId },
    disabled: isReadOnly,
  });
  const style = transform
    ? { transform: `translate3d(${transform.x}px, ${transform.y}px, 0)` }
    : undefined;
  return (
    <li
      ref={(element) => {
        setNodeRef(element);
        measure?.ref(element);
      }}
      data-index={measure?.index}
      style={style}
      aria-label={card.title}
      className={`deal-card${isDragging ? ' is-dragging' : ''}${card.isStale ? ' is-stale' : ''}`}
    >
      <span id={`${id}-name`} hidden>
        {t('board.dragCard', { deal: card.title })}
      </span>
      <div
        className="deal-card__drag"
        {...attributes}
        {...listeners}
        aria-labelledby={[
          `${id}-name`,
          ...(card.isStale ? [`${id}-stale`] : []),
          ...(card.companyName ? [`${id}-company`] : []),
          `${id}-meta`,
          `${id}-days`,
          `${id}-next`,
        ].join(' ')}
      >
        {/* The spaces between the parts (a grid and flex rows draw none) keep their words apart
            wherever the text is read as one: in the name, and in what a checker compares it to. */}
        <div className="deal-card__head">
          <bdi className="deal-card__title">{card.title}</bdi>{' '}
          {card.isStale && (
            <span id={`${id}-stale`} className="badge badge--stale">
              {t('board.stale')}
            </span>
          )}
        </div>{' '}
        {card.companyName && (
          <div id={`${id}-company`} className="deal-card__company">
            <bdi>{card.companyName}</bdi>
          </div>
        )}{' '}
        <div id={`${id}-meta`} className="deal-card__meta">
          <span className="deal-card__amount">
            {card.amountMinor === null
              ? '—'
              : formatMoney(card.amountMinor, card.currency, i18n.language)}
          </span>{' '}
          <span>{card.ownerName ?? t('board.unassigned')}</span>
        </div>{' '}
        <div id={`${id}-days`} className="deal-card__meta">
          <span>{t('board.daysInStage', { count: card.daysInStage })}</span>
        </div>{' '}
        <div id={`${id}-next`} className="deal-card__next">
          {card.nextStep
            ? `${t('board.nextStep')}: ${card.nextStep.subject}`
            : t('board.noNextStep')}
        </div>
      </div>
      <div className="deal-card__actions">
        <Link to={`/deals/${card.id}`}>{t('board.open')}</Link>
        {card.status === 'open' && !isReadOnly && (
          <button type="button" className="link-button" onClick={() => onLose(card)}>
            {t('board.lose')}
          </button>
        )}
      </div>
    </li>
  );
}
