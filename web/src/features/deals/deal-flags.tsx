/** What puts the deal in doubt (its decision maker left), with the owner's two answers. */
import { useTranslation } from 'react-i18next';
import type { Deal } from '../../api/models';
import { formatDate } from '../../format';

export function DealFlags({
  deal,
  onRequalify,
  onDismiss,
}: {
  deal: Deal;
  /** `reason`: the move's reason, in the reader's language. */
  onRequalify: (flagId: string, reason: string) => Promise<unknown>;
  onDismiss: (flagId: string) => Promise<unknown>;
}) {
  const { t, i18n } = useTranslation();
  if (deal.flags.length === 0) return null;
  return (
    <div className="deal-flags">
      {deal.flags.map((flag) => (
        <div
          key={flag.id}
          className="notice notice--warning"
          role="group"
          aria-label={t('requalify.flagTitle')}
        >
          <p>
            <strong>{t('requalify.flagTitle')}</strong>{' '}
            {t('requalify.flagText', {
              name: flag.contactName ?? '—',
              day: formatDate(flag.raisedAt, i18n.language),
            })}
            {flag.note && ` — ${flag.note}`}
          </p>
          <div className="actions">
            <button
              type="button"
              onClick={() =>
                void onRequalify(flag.id, t('requalify.reason', { name: flag.contactName ?? '—' }))
              }
            >
              {t('requalify.moveBack')}
            </button>
            <button type="button" onClick={() => void onDismiss(flag.id)}>
              {t('requalify.keep')}
            </button>
          </div>
        </div>
      ))}
    </div>
  );
}
