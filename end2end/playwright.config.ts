import { defineConfig } from "@playwright/test";
import * as os from "os";
import * as path from "path";

// The portal under test: the debug binary built by `cargo leptos build`, on a fresh SQLite
// database and file store in a temporary folder, importing the demo region on first start.
const port = Number(process.env.E2E_PORT ?? 3100);
// Workers load this file again: the folder is chosen once and handed down in the environment,
// so tests can run the portal's command line (e.g. grant-role) on the same database.
process.env.E2E_DATA_DIR ??= path.join(os.tmpdir(), `portal-e2e-${process.pid}`);
const dataDir = process.env.E2E_DATA_DIR;
const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export default defineConfig({
  testDir: "./tests",
  timeout: 30_000,
  retries: 0,
  workers: 1,
  reporter: [["list"]],
  outputDir: "test-results",
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: "chromium",
    headless: true,
    launchOptions: { executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: chromiumArgs },
    locale: "ru-RU",
  },
  // Every journey runs twice: hydrated, and as plain server-rendered HTML.
  projects: [
    { name: "js", use: { javaScriptEnabled: true } },
    { name: "no-js", use: { javaScriptEnabled: false } },
  ],
  webServer: {
    command: `rm -rf ${dataDir} && ${process.env.E2E_PORTAL_BIN ?? "target/debug/portal"} serve`,
    cwd: "..",
    url: `http://127.0.0.1:${port}/readyz`,
    timeout: 60_000,
    reuseExistingServer: false,
    env: {
      PORTAL_LISTEN: `127.0.0.1:${port}`,
      PORTAL_DATA_DIR: dataDir,
      PORTAL_SITE_ROOT: "target/site",
      PORTAL_LOG_LEVEL: "warn",
      // The federal inbox is polled every second, so journeys through it take seconds.
      PORTAL_FEDERATION__POLL_SECONDS: "1",
    },
  },
});
