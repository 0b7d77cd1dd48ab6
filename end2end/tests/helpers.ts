import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

// Every page we look at is kept as a screenshot artifact in end2end/screenshots/ and checked
// against WCAG 2.1 A and AA rules with axe-core. axe runs as a script in the page, so it runs in
// the JavaScript project; the markup it checks is the same server-rendered HTML.
export async function shot(page: Page, project: string, name: string) {
  fs.mkdirSync("screenshots", { recursive: true });
  await page.screenshot({ path: `screenshots/${project}-${name}.png`, fullPage: true });
  if (project !== "js") return;
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const violations = axe.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(violations, `accessibility of ${name}`).toEqual([]);
}

// With JavaScript on, the page must hydrate without errors (CSP, hydration mismatches, panics).
// A page answered with 401, 403 or 404 on purpose is not an error of the page; Chromium still
// logs its status, so those document answers are left out.
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() !== "error") return;
    const url = m.location().url;
    const deliberate = /status of 40[134]/.test(m.text()) && !url.includes("/pkg/") && !url.includes("/api/");
    if (!deliberate) errors.push(`console: ${m.text()} (${url})`);
  });
  return errors;
}

// Runs the portal's command line against the data folder of the portal under test.
export function portalCli(...args: string[]): string {
  const bin = path.resolve("..", process.env.E2E_PORTAL_BIN ?? "target/debug/portal");
  return execFileSync(bin, args, {
    cwd: "..",
    env: { ...process.env, PORTAL_DATA_DIR: process.env.E2E_DATA_DIR, PORTAL_LOG_LEVEL: "warn" },
    encoding: "utf8",
  });
}

// Logs in through the built-in federal simulator as the demo person whose button reads `name`.
export async function loginAs(page: Page, name: RegExp) {
  await page.getByRole("link", { name: "Войти через Госуслуги" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Вход в единую учётную запись");
  await page.getByRole("button", { name }).click();
}

// Logs out with the header's button and waits for the round trip through the federal portal.
export async function logout(page: Page) {
  await page.getByRole("button", { name: "Выйти", exact: true }).click();
  await expect(page.getByRole("link", { name: "Войти через Госуслуги" })).toBeVisible();
}
