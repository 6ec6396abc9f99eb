/**
 * Where a room stands on a 0-10 scale (seeds/001: "var är vi på en skala 0-10"): how many markers
 * sit on each value and the median, so the projector shows the spread, not only an average.
 */
export interface ScaleSpread {
  /** counts[v] = markers on value v, v = 0..10. */
  counts: number[];
  total: number;
  /** The middle value (the mean of the two middle ones for an even count); null with no markers. */
  median: number | null;
}

export function scaleSpread(markers: Readonly<Record<string, number>> | undefined): ScaleSpread {
  const counts = Array.from({ length: 11 }, () => 0);
  const values: number[] = [];
  for (const value of Object.values(markers ?? {})) {
    if (!Number.isInteger(value) || value < 0 || value > 10) continue;
    counts[value]++;
    values.push(value);
  }
  values.sort((a, b) => a - b);
  const middle = values.length / 2;
  const median = values.length === 0 ? null : values.length % 2 === 1 ? values[Math.floor(middle)] : (values[middle - 1] + values[middle]) / 2;
  return { counts, total: values.length, median };
}
