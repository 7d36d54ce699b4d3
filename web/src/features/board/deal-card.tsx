import { useDraggable } from '@dnd-kit/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatMoney } from '../../format';
import type { Card } from '../../api/models';

/**
 * A card: its body is the drag handle (a button for keyboards and screen readers), its links
 * and actions sit beside it, never inside it.
 */
export function DealCard({
  card,
  stageId,
  onLose,
  isReadOnly = false,
}: {
  card: Card;
  /** The column the card sits in, for the drop handler. */
  stageId: string;
  onLose: (card: Card) => void;
  /** The board of a past day: cards show where they stood and cannot be moved. */
  isReadOnly?: boolean;
}) {
  const { t, i18n } = useTranslation();
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
      ref={setNodeRef}
      style={style}
      aria-label={card.title}
      className={`deal-card${isDragging ? ' is-dragging' : ''}${card.isStale ? ' is-stale' : ''}`}
    >
      <div
        className="deal-card__drag"
        {...attributes}
        {...listeners}
        aria-label={t('board.dragCard', { deal: card.title })}
      >
        <div className="deal-card__head">
          <span className="deal-card__title">{card.title}</span>
          {card.isStale && <span className="badge badge--stale">{t('board.stale')}</span>}
        </div>
        {card.companyName && <div className="deal-card__company">{card.companyName}</div>}
        <div className="deal-card__meta">
          <span className="deal-card__amount">
            {card.amountMinor === null
              ? '—'
              : formatMoney(card.amountMinor, card.currency, i18n.language)}
          </span>
          <span>{card.ownerName ?? t('board.unassigned')}</span>
        </div>
        <div className="deal-card__meta">
          <span>{t('board.daysInStage', { count: card.daysInStage })}</span>
        </div>
        <div className="deal-card__next">
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
