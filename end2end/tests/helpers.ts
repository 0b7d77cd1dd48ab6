import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
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

// A small but real PDF named `name`, written to the temporary folder; its path.
export function pdfFile(name: string): string {
  const file = path.join(os.tmpdir(), `${process.pid}-${name}`);
  fs.writeFileSync(file, "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
  return file;
}

// The logged-in citizen files the shortest complete kindergarten application (one child, no
// priority right) and lands on its page; returns its registration number.
export async function fileKindergarten(page: Page, js: boolean): Promise<string> {
  await page.goto("/services/kindergarten-enrolment/apply");
  await page.getByRole("button", { name: /Начать заполнение|Продолжить/ }).or(page.getByRole("link", { name: "Продолжить черновик" })).first().click();
  await expect(page.getByText("Шаг 1 из 5")).toBeVisible();
  if (js) await page.locator("html[data-hydrated]").waitFor();
  await page.getByRole("radio", { name: "Мать" }).check();
  await page.getByLabel("Паспорт гражданина Российской Федерации: серия и номер").fill("4510 123456");
  await page.getByRole("button", { name: "Далее" }).last().click();
  await expect(page.getByText("Шаг 2 из 5")).toBeVisible();
  const child = page.getByRole("group", { name: "Ребёнок: 1" });
  await child.getByLabel("Фамилия ребёнка").fill("Иванова");
  await child.getByLabel("Имя ребёнка", { exact: true }).fill("Анна");
  await child.getByLabel("Дата рождения ребёнка").fill("2022-05-10");
  await child.getByLabel("Серия и номер свидетельства о рождении").fill("IV-АБ 123456");
  await child.getByLabel("СНИЛС ребёнка").fill("147-258-369 88");
  await child.getByLabel("Адрес места жительства ребёнка").fill("г. Приозёрск, ул. Лесная, д. 5, кв. 12");
  await child.getByRole("radio", { name: "Нет" }).check();
  await page.getByRole("button", { name: "Далее" }).last().click();
  await expect(page.getByText("Шаг 3 из 5")).toBeVisible();
  await page.getByLabel("Желаемая дата приёма").fill("2027-09-01");
  await page.getByLabel("Муниципальное образование").selectOption({ label: "город Приозёрск" });
  await page.getByLabel("Предпочтительные детские сады").fill("Детский сад № 5 «Солнышко»");
  await page.getByRole("radio", { name: /Полный день/ }).check();
  await page.getByRole("button", { name: "Далее" }).last().click();
  await expect(page.getByText("Шаг 4 из 5")).toBeVisible();
  await page.getByLabel(/Даю согласие на обработку моих персональных данных/).check();
  await page.getByLabel("Подтверждаю, что представленные сведения достоверны и полны").check();
  await page.getByRole("button", { name: "Проверить заявление" }).last().click();
  await page.getByRole("button", { name: "Отправить заявление" }).click();
  await expect(page.getByRole("heading", { name: "Заявление отправлено и зарегистрировано" })).toBeVisible();
  return (await page.locator(".big-number").textContent())!.trim();
}

// The text of a downloaded PDF, with whitespace runs as one space.
export function pdfText(file: string): string {
  return execFileSync("pdftotext", [file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
}
