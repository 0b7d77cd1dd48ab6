import { defineConfig } from "@playwright/test";
import * as os from "os";
import * as path from "path";

// The portal under test: the debug binary built by `cargo test` (or `cargo build`), on a fresh SQLite
// database and file store in a temporary folder, importing the demo region on first start.
const port = Number(process.env.E2E_PORT ?? 3100);
// Workers load this file again: the folder is chosen once and handed down in the environment,
// so tests can run the portal's command line (e.g. grant-role) on the same database.
process.env.E2E_DATA_DIR ??= path.join(os.tmpdir(), `portal-e2e-${process.pid}`);
const dataDir = process.env.E2E_DATA_DIR;
// A real SMTP server (aiosmtpd) keeps what the portal sends in a Maildir the tests read.
const smtpPort = Number(process.env.E2E_SMTP_PORT ?? 3125);
process.env.E2E_MAILDIR ??= path.join(os.tmpdir(), `portal-e2e-mail-${process.pid}`);
const maildir = process.env.E2E_MAILDIR;
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
  webServer: [{
    command: `rm -rf ${maildir} && exec python3 -m aiosmtpd -n -l 127.0.0.1:${smtpPort} -c aiosmtpd.handlers.Mailbox ${maildir}`,
    port: smtpPort,
    timeout: 20_000,
    reuseExistingServer: false,
  }, {
    command: `rm -rf ${dataDir} && ${process.env.E2E_PORTAL_BIN ?? "target/debug/portal"} serve`,
    cwd: "..",
    url: `http://127.0.0.1:${port}/readyz`,
    timeout: 60_000,
    reuseExistingServer: false,
    env: {
      PORTAL_LISTEN: `127.0.0.1:${port}`,
      PORTAL_DATA_DIR: dataDir,
      PORTAL_SITE_ROOT: "target/site",
      // The journeys log in through the built-in federal simulator, many times a minute.
      PORTAL_DEMO: "true",
      PORTAL_RATE_LIMIT__LOGINS_PER_MINUTE: "600",
      PORTAL_LOG_LEVEL: "warn",
      // The federal inbox is polled every second, so journeys through it take seconds.
      PORTAL_FEDERATION__POLL_SECONDS: "1",
      // The department's system of webhooks.spec.ts listens on this machine.
      PORTAL_WEBHOOKS__ALLOW_INTERNAL: "true",
      PORTAL_MAIL__HOST: "127.0.0.1",
      PORTAL_MAIL__PORT: String(smtpPort),
      PORTAL_MAIL__TLS: "none",
      PORTAL_MAIL__FROM: "Госуслуги Приозёрского края <noreply@gosuslugi.priozyorsky.example>",
      PORTAL_MAIL__BACKOFF_BASE_MS: "200",
      PORTAL_MAIL__BACKOFF_MAX_MS: "2000",
    },
  }],
});
