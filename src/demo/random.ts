/**
 * The seeded random source of the demo and of the bench datasets (mulberry32): the same seed gives
 * the same data on every machine. Fast and plenty for synthetic data; never for secrets (use
 * node:crypto for those).
 */
export interface Random {
  /** A float in [0, 1). */
  next: () => number;
}

/** @example createRandom(42).next() === createRandom(42).next() */
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

/**
 * An independent stream for one part of the demo (team, directory, deals, rates), so adding a
 * draw to one part does not reshuffle the others.
 * @example deriveRandom(42, 2) and deriveRandom(42, 3) give unrelated sequences
 */
export function deriveRandom(seed: number, stream: number): Random {
  return createRandom(Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + stream * 0x27d4eb2f);
}

/** An integer in [min, max], both included. */
export function randomInt(random: Random, min: number, max: number): number {
  return min + Math.floor(random.next() * (max - min + 1));
}

/** A float in [min, max). */
export function randomBetween(random: Random, min: number, max: number): number {
  return min + random.next() * (max - min);
}

export function chance(random: Random, probability: number): boolean {
  return random.next() < probability;
}

export function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random.next() * items.length)];
  if (item === undefined) throw new RangeError('Cannot pick from an empty list');
  return item;
}

/** Picks an item with probability proportional to its weight. */
export function pickWeighted<T>(random: Random, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((sum, [, weight]) => sum + weight, 0);
  let target = random.next() * total;
  for (const [item, weight] of items) {
    target -= weight;
    if (target < 0) return item;
  }
  const last = items.at(-1);
  if (!last) throw new RangeError('Cannot pick from an empty list');
  return last[0];
}

/** A standard normal deviate (Box–Muller). */
export function normal(random: Random): number {
  const u = 1 - random.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.next());
}

/**
 * A long-tailed positive value around a median, given the sigma of its logarithm: time in stage
 * and deal sizes are mostly small, sometimes huge.
 * @example logNormal(r, 10, 0.6) is below 10 half the time and above 26.8 about 5% of the time
 */
export function logNormal(random: Random, median: number, sigma: number): number {
  return median * Math.exp(sigma * normal(random));
}

/**
 * A UUIDv7 whose 48-bit timestamp is `ms` and whose other bits come from `random`: ids sort by
 * the time the record was made, as the application's own ids do, and are reproducible.
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
