import * as prng from "lib0/prng";

/** Numbers in [0, 1) from a seed, so a randomized test's failure can be replayed with its seed. */
export function seededRandom(seed: number): () => number {
  const generator = prng.create(seed);
  return () => prng.real53(generator);
}
