/**
 * How far a company (or a deal, through its company) fits the ideal customer profile, with the
 * reason for each criterion: met, missed, or unknown (which counts as unmet).
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber, formatPercent } from '../../format';
import { attributeLabel, useIcp, useIcpFit } from './icp-api';

export function IcpFitPanel({ kind, id }: { kind: 'company' | 'deal'; id: string }) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const icp = useIcp();
  const fit = useIcpFit(kind, id);
  const attributes = icp.data?.attributes ?? [];
  return (
    <section className="panel" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('icp.fitTitle')}</h2>
      {fit.isError && <p role="alert">{t('errors.generic')}</p>}
      {fit.data && fit.data.percent === null && <p className="hint">{t('icp.noProfile')}</p>}
      {fit.data && fit.data.percent !== null && (
        <>
          <p className="icp-fit__figure">
            {t('icp.fitPercent', { percent: formatPercent(fit.data.percent / 100, i18n.language) })}
          </p>
          <ul className="plain-list">
            {fit.data.reasons.map((reason) => (
              <li key={reason.attribute} className={`icp-reason icp-reason--${reason.outcome}`}>
                {t(`icp.outcome.${reason.outcome}`, {
                  attribute: attributeLabel(reason.attribute, attributes, i18n.language, t),
                  wanted: reason.values.join(t('icp.or')),
                  actual: reason.actual.join(t('icp.and')),
                  weight: formatNumber(reason.weight, i18n.language),
                })}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
