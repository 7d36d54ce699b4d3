/**
 * A small seeded random source, so a generated dataset is the same on every run and machine.
 * mulberry32: 32 bits of state, fast, and plenty for synthetic data (not for secrets).
 */
export interface Random {
  /** A float in [0, 1). */
  next: () => number;
}

/** @example const r = createRandom(1); r.next() === createRandom(1).next() */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  return {
    next: () => {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

/** An integer in [min, max], both included. */
export function randomInt(random: Random, min: number, max: number): number {
  return min + Math.floor(random.next() * (max - min + 1));
}

export function chance(random: Random, probability: number): boolean {
  return random.next() < probability;
}

export function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random.next() * items.length)];
  if (item === undefined) throw new RangeError('pick from an empty list');
  return item;
}

/** Picks an item with probability proportional to its weight. */
export function pickWeighted<T>(random: Random, items: readonly (readonly [T, number])[]): T {
  let total = 0;
  for (const [, weight] of items) total += weight;
  let target = random.next() * total;
  for (const [item, weight] of items) {
    target -= weight;
    if (target < 0) return item;
  }
  const last = items.at(-1);
  if (!last) throw new RangeError('pick from an empty list');
  return last[0];
}

/** A standard normal deviate (Box–Muller). */
export function normal(random: Random): number {
  const u = 1 - random.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.next());
}

/**
 * A log-normal value given its median and the sigma of its logarithm: deal sizes and time in
 * stage are both long-tailed, a few huge ones among many small ones.
 * @example logNormal(r, 15_000, 1) is below 15,000 half the time and above 76,000 about 5%.
 */
export function logNormal(random: Random, median: number, sigma: number): number {
  return median * Math.exp(sigma * normal(random));
}

/**
 * A UUIDv7 whose 48-bit timestamp is `ms` and whose other bits come from `random`: ids sort
 * by the time the record was made, as the application's own ids do, and are reproducible.
 * @example uuidV7At(r, Date.parse('2026-01-01T00:00:00Z')).startsWith('019b76da-a800-7')
 */
export function uuidV7At(random: Random, ms: number): string {
  const time = Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0');
  const hex = (bits: number, digits: number) =>
    Math.floor(random.next() * 2 ** bits)
      .toString(16)
      .padStart(digits, '0');
  const variant = (0x8000 | Math.floor(random.next() * 0x4000)).toString(16);
  return `${time.slice(0, 8)}-${time.slice(8)}-7${hex(12, 3)}-${variant}-${hex(16, 4)}${hex(32, 8)}`;
}
