/**
 * How Samla drives Chromium everywhere (end-to-end tests, benchmarks): Debian's system build, since
 * browser downloads are impossible here, with the flags that keep it off the closed network.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];
