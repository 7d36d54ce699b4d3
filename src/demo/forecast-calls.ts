/**
 * The demo team's forecast calls: two days before each quarter, every rep calls the quarter for
 * their own deals and the first manager calls it for the workspace, as people do — each rep
 * with their own lean (some call high, some sandbag) and some noise on top, rounded to the
 * thousand. For quarters already over a rep's call is aimed at what they went on to win (people
 * know their deals); for the current one at the model's forecast then. The backtest of the demo
 * then has both the model and the people to score.
 */
import { addMonths, dayOf, periodBoundsMs } from '../domain/period.js';
import { nameOfPeriod } from '../domain/period-name.js';
import type { ServiceContext } from '../services/context.service.js';
import { getForecast } from '../services/analytics/forecast.service.js';
import { submitForecastCall } from '../services/analytics/forecast-call.service.js';
import { actingAs } from './directory.js';
import { logNormal, type Random, randomBetween } from './random.js';
import type { DemoMember } from './team.js';
import { DAY_MS, HOUR_MS } from './time.js';

const ROUND_TO_MINOR = 100_000;
const round = (minor: number) => Math.max(0, Math.round(minor / ROUND_TO_MINOR) * ROUND_TO_MINOR);

/** The first day of the quarter holding `day`. */
function quarterOf(day: string): string {
  const month = Number(day.slice(5, 7));
  return `${day.slice(0, 4)}-${String(month - ((month - 1) % 3)).padStart(2, '0')}-01`;
}

export async function callDemoForecasts(
  ctx: ServiceContext,
  random: Random,
  team: DemoMember[],
  timeZone: string,
  start: number,
): Promise<number> {
  const reps = team.filter((m) => m.role === 'rep');
  const manager = team.find((m) => m.role === 'manager');
  // Each rep's lean, kept over the quarters: 0.8 sandbags, 1.25 hopes.
  const leans = new Map(reps.map((r) => [r.id, randomBetween(random, 0.8, 1.25)]));
  let made = 0;
  // The first quarter that starts three months into the history: there is a pipeline to call.
  let from = addMonths(quarterOf(dayOf(start, timeZone)), 6);
  for (; ; from = addMonths(from, 3)) {
    const period = { from, to: addMonths(from, 3) };
    const bounds = periodBoundsMs(period, timeZone);
    const at = bounds.fromMs - 2 * DAY_MS + 10 * HOUR_MS;
    if (at > ctx.now) break;
    const name = nameOfPeriod(period);
    const isOver = bounds.toMs <= ctx.now;
    let workspaceCommit = 0;
    for (const rep of reps) {
      // Past the quarter, the forecast of it is what was won in it.
      const forecast = await getForecast(ctx, {
        period: name,
        ownerId: rep.id,
        ...(isOver ? {} : { asOf: new Date(at).toISOString() }),
      });
      const aim = isOver ? forecast.wonSoFar.minor : forecast.expected.minor;
      const commit = round(aim * (leans.get(rep.id) ?? 1) * logNormal(random, 1, 0.2));
      const bestCase = round(commit * randomBetween(random, 1.15, 1.5));
      await submitForecastCall(actingAs(ctx, rep, at), {
        period: name,
        scope: 'own',
        commitMinor: commit,
        bestCaseMinor: bestCase,
        note: null,
      });
      workspaceCommit += commit;
      made += 1;
    }
    if (manager) {
      // The manager trims the team's optimism a little.
      const commit = round(workspaceCommit * randomBetween(random, 0.85, 1));
      await submitForecastCall(actingAs(ctx, manager, at + HOUR_MS), {
        period: name,
        scope: 'workspace',
        commitMinor: commit,
        bestCaseMinor: round(commit * 1.3),
        note:
          manager.locale === 'ar' ? 'بعد مراجعة الصفقات مع الفريق' : 'After the team’s deal review',
      });
      made += 1;
    }
  }
  return made;
}
