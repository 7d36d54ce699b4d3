import { useTranslation } from 'react-i18next';
import type { Metrics } from '../../api/models';
import { formatMoney, formatNumber, formatPercent } from '../../format';

/** Owners of the deals closed in the period, the largest won amount first. */
export function LeaderboardTable({ leaderboard }: { leaderboard: Metrics['leaderboard'] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return (
    <section className="panel" aria-labelledby="leaderboard-title">
      <h2 id="leaderboard-title">{t('dashboard.leaderboard.title')}</h2>
      <table>
        <caption className="visually-hidden">{t('dashboard.leaderboard.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('dashboard.leaderboard.owner')}</th>
            <th scope="col">{t('dashboard.leaderboard.won')}</th>
            <th scope="col">{t('dashboard.leaderboard.lost')}</th>
            <th scope="col">{t('dashboard.kpi.winRate')}</th>
            <th scope="col">{t('dashboard.kpi.wonAmount')}</th>
          </tr>
        </thead>
        <tbody>
          {leaderboard.length === 0 && (
            <tr>
              <td colSpan={5}>{t('dashboard.leaderboard.none')}</td>
            </tr>
          )}
          {leaderboard.map((row) => (
            <tr key={row.ownerId ?? 'unassigned'}>
              <th scope="row">{row.ownerName ?? t('board.unassigned')}</th>
              <td>{formatNumber(row.wonCount, language)}</td>
              <td>{formatNumber(row.lostCount, language)}</td>
              <td>{row.winRate === null ? '—' : formatPercent(row.winRate, language)}</td>
              <td>{formatMoney(row.wonAmount.minor, row.wonAmount.currency, language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
