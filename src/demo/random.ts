/**
 * The demo's seeded random source (mulberry32): the same seed gives the same workspace on every
 * machine. Fast and plenty for synthetic data; never for secrets (use node:crypto for those).
 */
export interface DemoRandom {
  /** A float in [0, 1). */
  next: () => number;
}

/** @example createDemoRandom(42).next() === createDemoRandom(42).next() */
export function createDemoRandom(seed: number): DemoRandom {
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
export function deriveRandom(seed: number, stream: number): DemoRandom {
  return createDemoRandom(Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + stream * 0x27d4eb2f);
}

/** An integer in [min, max], both included. */
export function randomInt(random: DemoRandom, min: number, max: number): number {
  return min + Math.floor(random.next() * (max - min + 1));
}

/** A float in [min, max). */
export function randomBetween(random: DemoRandom, min: number, max: number): number {
  return min + random.next() * (max - min);
}

export function chance(random: DemoRandom, probability: number): boolean {
  return random.next() < probability;
}

export function pick<T>(random: DemoRandom, items: readonly T[]): T {
  const item = items[Math.floor(random.next() * items.length)];
  if (item === undefined) throw new RangeError('Cannot pick from an empty list');
  return item;
}

/** Picks an item with probability proportional to its weight. */
export function pickWeighted<T>(random: DemoRandom, items: readonly (readonly [T, number])[]): T {
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

/**
 * A long-tailed positive value around a median (time in stage is mostly short, sometimes long).
 * @example logNormal(r, 10, 0.6) is below 10 half the time and above 26.8 about 5% of the time
 */
export function logNormal(random: DemoRandom, median: number, sigma: number): number {
  const u = 1 - random.next();
  const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.next());
  return median * Math.exp(sigma * normal);
}
