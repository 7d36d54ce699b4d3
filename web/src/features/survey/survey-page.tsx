/**
 * A customer's satisfaction survey, without signing in: how satisfied (1–5) and a comment, in
 * the survey's language (the other one a click away), answered once.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, client } from '../../api/client';
import { type Language, showLanguage } from '../../i18n/i18n';
import { fieldText, messageOf } from '../../shared/api-form';

const SCORES = [1, 2, 3, 4, 5] as const;

export function SurveyPage({ token }: { token: string }) {
  const { t, i18n } = useTranslation();
  const legendId = useId();
  const commentId = useId();
  const [error, setError] = useState<string | null>(null);
  const survey = useQuery({
    queryKey: ['public-survey', token],
    queryFn: () =>
      answer(client.GET('/api/v1/public/surveys/{token}', { params: { path: { token } } })),
    retry: false,
  });
  const send = useMutation({
    mutationFn: (body: { score: number; comment: string | null }) =>
      answer(
        client.POST('/api/v1/public/surveys/{token}/answer', {
          params: { path: { token } },
          body,
        }),
      ),
  });
  const language = survey.data?.language;
  useEffect(() => {
    if (language) void showLanguage(language);
  }, [language]);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(null);
    const form = new FormData(event.currentTarget);
    const score = Number(fieldText(form, 'score'));
    if (!score) {
      setError(t('survey.pickScore'));
      return;
    }
    try {
      await send.mutateAsync({ score, comment: fieldText(form, 'comment').trim() || null });
    } catch (caught) {
      setError(messageOf(caught, t('errors.generic')));
    }
  };
  const other: Language = i18n.language === 'ar' ? 'en' : 'ar';
  const state = send.data?.state ?? survey.data?.state;
  return (
    <main id="main" className="survey-page">
      <div className="panel">
        <p>
          <button type="button" className="link-button" onClick={() => void showLanguage(other)}>
            {t(`language.${other}`)}
          </button>
        </p>
        <h1>{t('survey.title')}</h1>
        {survey.isPending && <p>…</p>}
        {survey.isError && <p role="alert">{t('survey.unknown')}</p>}
        {survey.data && (
          <p>
            {t('survey.intro', {
              company: survey.data.workspaceName,
            })}
          </p>
        )}
        {state === 'answered' && <p role="status">{t('survey.thanks')}</p>}
        {state === 'expired' && <p role="alert">{t('survey.expired')}</p>}
        {state === 'open' && (
          <form onSubmit={(e) => void submit(e)} className="dialog-form">
            <fieldset aria-labelledby={legendId}>
              <legend id={legendId}>{t('survey.question')}</legend>
              <div className="survey-scores">
                {SCORES.map((score) => (
                  <label key={score}>
                    <input type="radio" name="score" value={score} required />
                    {t(`survey.scores.${score}`)}
                  </label>
                ))}
              </div>
            </fieldset>
            <label htmlFor={commentId}>{t('survey.comment')}</label>
            <textarea id={commentId} name="comment" rows={4} maxLength={2000} />
            {error && <p role="alert">{error}</p>}
            <button type="submit" disabled={send.isPending}>
              {t('survey.submit')}
            </button>
          </form>
        )}
      </div>
    </main>
  );
}
