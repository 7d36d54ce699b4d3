/** After the sale: the deal's satisfaction surveys, their answers, and a new link to send. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, client } from '../../api/client';
import type { Deal } from '../../api/models';
import { formatDate } from '../../format';
import { messageOf } from '../../shared/api-form';

export function DealSurveys({ deal }: { deal: Deal }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const titleId = useId();
  const linkId = useId();
  const [link, setLink] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const key = ['deal', deal.id, 'surveys'];
  const surveys = useQuery({
    queryKey: key,
    queryFn: async () =>
      (
        await answer(
          client.GET('/api/v1/deals/{id}/surveys', { params: { path: { id: deal.id } } }),
        )
      ).items,
  });
  const make = useMutation({
    mutationFn: () =>
      answer(
        client.POST('/api/v1/deals/{id}/surveys', {
          params: { path: { id: deal.id } },
          body: { language: i18n.language === 'ar' ? 'ar' : 'en' },
        }),
      ),
    onSuccess: (made) => {
      setLink(made.url);
      void queryClient.invalidateQueries({ queryKey: key });
    },
    onError: (caught) => setError(messageOf(caught, t('errors.generic'))),
  });
  if (deal.status !== 'won') return null;
  const items = surveys.data ?? [];
  return (
    <section className="panel" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('survey.panelTitle')}</h2>
      {items.length === 0 ? (
        <p className="hint">{t('survey.none')}</p>
      ) : (
        <ul className="plain-list">
          {items.map((s) => (
            <li key={s.id}>
              {s.answeredAt ? (
                <>
                  <strong>{t('survey.scoreOf', { score: s.score ?? 0 })}</strong>
                  {s.comment && <> — {s.comment}</>}{' '}
                  <span className="hint">{formatDate(s.answeredAt, i18n.language)}</span>
                </>
              ) : (
                <span className="hint">
                  {t('survey.waiting', { day: formatDate(s.expiresAt, i18n.language) })}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      <button type="button" disabled={make.isPending} onClick={() => make.mutate()}>
        {t('survey.make')}
      </button>
      {link && (
        <p>
          <label htmlFor={linkId}>{t('survey.link')}</label>
          <input id={linkId} readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
          <span className="hint">{t('survey.linkOnce')}</span>
        </p>
      )}
      {error && <p role="alert">{error}</p>}
    </section>
  );
}
