import { expect, test } from "@playwright/test";

import { collectErrors, shot } from "./helpers";

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

  // Only pages with an island load the bundle: the home page's search suggestions do, and
  // (below) a passport, which needs no script, does not.
  await expect(page.locator("link[rel=modulepreload]")).toHaveCount(1);
  if (project === "js") await page.locator("html[data-hydrated]").waitFor();
  await page.getByRole("navigation", { name: "Основная навигация" }).getByRole("link", { name: "Каталог услуг" }).click();
  await expect(page).toHaveURL(/\/services$/);
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
  await expect(page.locator("link[rel=modulepreload], script[type=module]")).toHaveCount(0);
  // Nothing is hydrated, so the page's data is not copied into it for the browser.
  expect(await page.content()).not.toContain("__RESOLVED_RESOURCES[");
  await shot(page, project, "06-service");

  expect(errors).toEqual([]);
});

test("an unknown address shows the localized 404 page", async ({ page }, info) => {
  const response = await page.goto("/no/such/page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Страница не найдена");
  await shot(page, info.project.name, "07-not-found");
});
