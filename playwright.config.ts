import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./e2e/chromium";

const PORT = Number(process.env.E2E_PORT || 3107);

/**
 * End-to-end tests in Debian's Chromium (browser downloads are impossible here). The server is
 * the real one, built, on its own port with a fresh data folder for every run.
 */
export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    // Off: recording a trace (a screencast and DOM snapshots of every page) costs a third of the
    // suite's time on this software-rendered Chromium, for every test that passes. To look into a
    // failure, run it again with `--trace retain-on-failure`; a failure's screenshot is kept.
    trace: "off",
    screenshot: "only-on-failure",
  },
  webServer: {
    // Every test's board comes from this one address (45 a run, near the 60 an hour a person
    // gets); the quota itself is tested with its own small limit (test/integration/limits.test.ts).
    command: `DATA_DIR=$(mktemp -d) PORT=${PORT} SAMLA_LIMIT_BOARDS_PER_ADDRESS_PER_HOUR=1000 node --import tsx server/main.ts`,
    url: `http://127.0.0.1:${PORT}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
  },
});
