/** The deal's BANT card: need, budget, authority, timing, each edited in place, and the score. */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Deal } from '../../api/models';
import type { putQualification } from '../../api/deals';
import { fieldText } from '../../shared/api-form';
import { EditableField } from '../../shared/editable-field';

export type QualificationChange = Parameters<typeof putQualification>[1];
type Part = 'need' | 'budget' | 'authority' | 'timing';
const PARTS: readonly Part[] = ['need', 'budget', 'authority', 'timing'];
const CONFIDENCES = ['low', 'medium', 'high'] as const;

export function DealQualification({
  deal,
  canEdit,
  save,
}: {
  deal: Deal;
  canEdit: boolean;
  /** Sends a change from the deal's version on screen (a conflict opens the 409 dialog). */
  save: (body: QualificationChange) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const q = deal.qualification;
  return (
    <section className="panel" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('qualification.title')}</h2>
      <p>
        <meter
          className="score-meter"
          min={0}
          max={100}
          low={50}
          high={75}
          optimum={100}
          value={q.score}
          aria-label={t('qualification.score')}
        />{' '}
        {t('qualification.scoreIs', { score: q.score })}
      </p>
      <dl className="fields fields--editable">
        {PARTS.map((part) => {
          const answer = q[part];
          return (
            <EditableField
              key={part}
              label={t(`qualification.parts.${part}`)}
              canEdit={canEdit}
              value={
                answer ? (
                  <>
                    {answer.value}{' '}
                    <span className={`badge badge--confidence-${answer.confidence}`}>
                      {t(`qualification.confidence.${answer.confidence}`)}
                    </span>
                  </>
                ) : (
                  <span className="hint">{t('qualification.unknown')}</span>
                )
              }
              editor={(id) => (
                <>
                  <textarea
                    id={id}
                    name="value"
                    rows={2}
                    maxLength={1000}
                    placeholder={t(`qualification.placeholders.${part}`)}
                    defaultValue={answer?.value ?? ''}
                  />
                  <label>
                    {t('qualification.howSure')}
                    <select name="confidence" defaultValue={answer?.confidence ?? 'medium'}>
                      {CONFIDENCES.map((c) => (
                        <option key={c} value={c}>
                          {t(`qualification.confidence.${c}`)}
                        </option>
                      ))}
                    </select>
                  </label>
                </>
              )}
              onSave={(form) => {
                const value = fieldText(form, 'value').trim();
                const confidence = fieldText(form, 'confidence') as (typeof CONFIDENCES)[number];
                return save({ [part]: value === '' ? null : { value, confidence } });
              }}
            />
          );
        })}
      </dl>
      <p className="hint">{t('qualification.explain')}</p>
    </section>
  );
}
