// mulberry32: tiny, fast and good enough to make fault sequences repeat for a given seed.

/** A seeded source of numbers in [0, 1). */
export type Random = () => number;

/** Returns a seeded PRNG; the same seed always yields the same sequence. */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
