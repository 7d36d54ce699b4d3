import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useBoard } from '../../api/board';
import { useDeal, useDealHistory } from '../../api/deals';
import type { HistoryEntry } from '../../api/models';
import { formatDate, formatDay, formatMoney } from '../../format';

/** A deal: its fields and its stage history as a timeline with the reasons given. */
export default function DealPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const [withHijri, setHijri] = useState(false);
  const deal = useDeal(id);
  const history = useDealHistory(id);
  const board = useBoard();
  const stageName = (stageId: string) => {
    const stage = board.data?.columns.find((c) => c.stage.id === stageId)?.stage;
    if (!stage) return '';
    return i18n.language === 'ar' ? stage.nameAr : stage.nameEn;
  };
  if (deal.isPending) return <p className="loading">…</p>;
  if (deal.isError) return <p role="alert">{t('errors.generic')}</p>;
  const d = deal.data;
  const describe = (entry: HistoryEntry) => {
    const stage = stageName(entry.toStageId);
    if (entry.fromStatus === null) return t('deal.created', { stage });
    if (entry.toStatus === 'won') return t('deal.wonIn', { stage });
    if (entry.toStatus === 'lost') return t('deal.lostAt', { stage });
    if (entry.fromStatus !== 'open') return t('deal.reopened', { stage });
    return t('deal.movedTo', { stage });
  };
  return (
    <article className="deal-page">
      <Link to="/">{t('deal.back')}</Link>
      <h1>{d.title}</h1>
      <dl className="fields">
        <div>
          <dt>{t('deal.status')}</dt>
          <dd>{t(`deal.status_${d.status}`)}</dd>
        </div>
        <div>
          <dt>{t('deal.stage')}</dt>
          <dd>{stageName(d.stageId)}</dd>
        </div>
        <div>
          <dt>{t('deal.amount')}</dt>
          <dd>
            {d.amountMinor === null ? '—' : formatMoney(d.amountMinor, d.currency, i18n.language)}
          </dd>
        </div>
        <div>
          <dt>{t('deal.expectedCloseDate')}</dt>
          <dd>
            {d.expectedCloseDate ? formatDay(d.expectedCloseDate, i18n.language, withHijri) : '—'}
          </dd>
        </div>
      </dl>
      <label className="inline">
        <input type="checkbox" checked={withHijri} onChange={(e) => setHijri(e.target.checked)} />
        {t('calendar.hijri')}
      </label>
      <h2>{t('deal.history')}</h2>
      <ol className="timeline">
        {(history.data ?? []).map((entry) => (
          <li key={entry.id}>
            <strong>{describe(entry)}</strong>
            {entry.at && (
              <time dateTime={entry.at}> · {formatDate(entry.at, i18n.language, withHijri)}</time>
            )}
            {entry.reason && (
              <p>
                {t('deal.reasonLabel')}: {entry.reason}
              </p>
            )}
          </li>
        ))}
      </ol>
    </article>
  );
}
