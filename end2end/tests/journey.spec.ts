import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import * as fs from "fs";

// Every page we look at is kept as a screenshot artifact in end2end/screenshots/ and checked
// against WCAG 2.1 A and AA rules with axe-core. axe runs as a script in the page, so it runs in
// the JavaScript project; the markup it checks is the same server-rendered HTML.
async function shot(page: Page, project: string, name: string) {
  fs.mkdirSync("screenshots", { recursive: true });
  await page.screenshot({ path: `screenshots/${project}-${name}.png`, fullPage: true });
  if (project !== "js") return;
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const violations = axe.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(violations, `accessibility of ${name}`).toEqual([]);
}

// With JavaScript on, the page must hydrate without errors (CSP, hydration mismatches, panics).
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()} (${m.location().url})`);
  });
  return errors;
}

test("a citizen browses the catalog in both languages and in low-vision mode", async ({ page }, info) => {
  const project = info.project.name;
  const errors = collectErrors(page);

  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "ru");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Государственные и муниципальные услуги");
  await expect(page.locator(".brand-region")).toHaveText("Приозёрский край");
  await expect(page.getByRole("link", { name: /Семья и дети/ })).toBeVisible();
  await shot(page, project, "01-home-ru");

  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("State and municipal services");
  await expect(page.locator(".brand-region")).toHaveText("Priozyorsky Krai");
  await shot(page, project, "02-home-en");
  await page.getByRole("button", { name: "Русский" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "ru");

  await page.getByRole("button", { name: "Версия для слабовидящих" }).click();
  await expect(page.locator("html")).toHaveClass(/low-vision/);
  await expect(page.locator(".brand-coat")).toBeHidden();
  await shot(page, project, "03-home-low-vision");
  await page.getByRole("button", { name: "Обычная версия" }).click();
  await expect(page.locator("html")).not.toHaveClass(/low-vision/);

  // Hydrated pages navigate without reloading: a value set on the window survives the click.
  if (project === "js") await page.locator("html[data-hydrated]").waitFor();
  await page.evaluate(() => ((window as unknown as { portalMarker: number }).portalMarker = 1));
  await page.getByRole("navigation", { name: "Основная навигация" }).getByRole("link", { name: "Каталог услуг" }).click();
  await expect(page).toHaveURL(/\/services$/);
  if (project === "js") {
    await expect.poll(() => page.evaluate(() => (window as unknown as { portalMarker?: number }).portalMarker)).toBe(1);
  }
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Каталог услуг");
  await expect(page.locator(".service-card").first()).toBeVisible();
  await shot(page, project, "04-catalog");

  await page.getByLabel("Поиск услуг").fill("паспорта");
  await page.getByRole("button", { name: "Найти" }).click();
  await expect(page).toHaveURL(/\/search\?q=/);
  await expect(page.getByRole("status")).toHaveText("Найдены 2 услуги");
  await expect(page.locator(".service-card mark").first()).toHaveText("паспорта");
  await shot(page, project, "05-search");

  await page.getByRole("link", { name: "Выдача и замена паспорта гражданина Российской Федерации" }).click();
  await expect(page).toHaveURL(/\/services\/internal-passport$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Выдача и замена паспорта гражданина Российской Федерации");
  await expect(page.getByText("Этап 2 из 5: Бланки для скачивания")).toBeVisible();
  await expect(page).toHaveTitle("Выдача и замена паспорта гражданина Российской Федерации — Приозёрский край");
  await shot(page, project, "06-service");

  expect(errors).toEqual([]);
});

test("an unknown address shows the localized 404 page", async ({ page }, info) => {
  const response = await page.goto("/no/such/page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Страница не найдена");
  await shot(page, info.project.name, "07-not-found");
});
