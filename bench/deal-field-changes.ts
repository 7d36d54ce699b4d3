/**
 * The field history of a generated deal: some deals had their amount cut or raised and their
 * expected close date pushed while they were worked. The changes are drawn backwards from the
 * deal's current values, so the last change of a field ends on the value the deal holds now and
 * each change starts where the one before it ended (docs/history.md).
 */
import { chance, pickWeighted, type Random, randomBetween, randomInt } from '../src/demo/random.js';
import { toWorkingTime } from './deal-path.js';

const DAY_MS = 86_400_000;

/** Share of deals with an amount whose amount changed at least once. */
export const AMOUNT_CHANGE_SHARE = 0.3;
/** Share of deals with an expected close date whose date was pushed at least once. */
export const CLOSE_DATE_PUSH_SHARE = 0.35;

/** One change of a tracked field, as deal_field_history stores it (values as text). */
export interface GeneratedFieldChange {
  field: 'amount' | 'expectedCloseDate';
  from: string;
  to: string;
  at: number;
}

export interface DealValuesNow {
  amountMinor: number | null;
  expectedCloseDate: string | null;
  /** When the deal opened: changes come after. */
  openedAt: number;
  /** When the deal stopped being worked (closed, deleted, or now): changes come before. */
  endAt: number;
}

const changeCount = (random: Random) =>
  pickWeighted(random, [
    [1, 60],
    [2, 30],
    [3, 10],
  ] as const);

/** Two significant digits, as people quote amounts: 12,345 → 12,000. */
export function roundToTwoDigits(value: number): number {
  const magnitude = 10 ** Math.max(0, Math.floor(Math.log10(value)) - 1);
  return Math.max(magnitude, Math.round(value / magnitude) * magnitude);
}

/** `count` increasing instants strictly inside (from, to), in working hours when they fit. */
function instants(random: Random, count: number, from: number, to: number): number[] {
  const times: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const raw = Math.round(from + randomBetween(random, 0.02, 0.98) * (to - from));
    const working = toWorkingTime(raw);
    times.push(working > from && working < to ? working : raw);
  }
  times.sort((a, b) => a - b);
  for (let i = 1; i < times.length; i += 1) {
    // Two changes of one deal never share an instant: each is one update of the deal.
    times[i] = Math.max(times[i] ?? 0, (times[i - 1] ?? 0) + 1);
  }
  return times;
}

/** Values from the oldest to today's: each earlier one derived from the one after it. */
function pastValues<T>(current: T, count: number, previous: (after: T) => T): T[] {
  const values = [current];
  for (let i = 0; i < count; i += 1) values.unshift(previous(values[0] as T));
  return values;
}

function asChanges(
  field: GeneratedFieldChange['field'],
  values: string[],
  times: number[],
): GeneratedFieldChange[] {
  const changes: GeneratedFieldChange[] = [];
  for (let i = 1; i < values.length; i += 1) {
    const from = values[i - 1];
    const to = values[i];
    const at = times[i - 1];
    if (from !== undefined && to !== undefined && at !== undefined && from !== to) {
      changes.push({ field, from, to, at });
    }
  }
  return changes;
}

/**
 * The amount and close-date changes of one deal, oldest first. An amount is cut (60%: a
 * discount, a smaller scope) or raised, by 5–30%, and quoted to two significant digits; a close
 * date is pushed by one to six weeks. A deal that never had an amount or a date has no change
 * of it: a change never starts from an empty value, so the exit criteria the deal met when it
 * left a stage still hold as of any instant.
 */
export function generateFieldChanges(random: Random, deal: DealValuesNow): GeneratedFieldChange[] {
  if (deal.endAt - deal.openedAt < 2 * DAY_MS) return [];
  const amounts =
    deal.amountMinor !== null && chance(random, AMOUNT_CHANGE_SHARE)
      ? pastValues(deal.amountMinor, changeCount(random), (after) => {
          const isCut = chance(random, 0.6);
          const factor = isCut
            ? randomBetween(random, 0.7, 0.95)
            : randomBetween(random, 1.05, 1.3);
          return roundToTwoDigits(after / 100 / factor) * 100;
        }).map(String)
      : [];
  const days =
    deal.expectedCloseDate !== null && chance(random, CLOSE_DATE_PUSH_SHARE)
      ? pastValues(
          Date.parse(`${deal.expectedCloseDate}T00:00:00Z`),
          changeCount(random),
          (after) => after - randomInt(random, 7, 42) * DAY_MS,
        ).map((ms) => new Date(ms).toISOString().slice(0, 10))
      : [];
  // One instant per change, each field's changes in order, the two fields interleaved at random.
  const slots: GeneratedFieldChange['field'][] = [
    ...Array.from({ length: Math.max(0, amounts.length - 1) }, () => 'amount' as const),
    ...Array.from({ length: Math.max(0, days.length - 1) }, () => 'expectedCloseDate' as const),
  ];
  for (let i = slots.length - 1; i > 0; i -= 1) {
    const j = randomInt(random, 0, i);
    [slots[i], slots[j]] = [slots[j] ?? 'amount', slots[i] ?? 'amount'];
  }
  const times = instants(random, slots.length, deal.openedAt, deal.endAt);
  const timesOf = (field: GeneratedFieldChange['field']) =>
    times.filter((_, i) => slots[i] === field);
  return [
    ...asChanges('amount', amounts, timesOf('amount')),
    ...asChanges('expectedCloseDate', days, timesOf('expectedCloseDate')),
  ].sort((a, b) => a.at - b.at);
}
