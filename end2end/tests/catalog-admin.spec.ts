import { expect, test, type Page } from "@playwright/test";

import { collectErrors, loginAs, logout, pdfFile, portalCli, shot } from "./helpers";

test.beforeAll(() => {
  portalCli("grant-role", "--snils", "678-901-234 38", "--role", "operator");
});

// The brand colour as the page applies it: the header's background.
async function headerColour(page: Page): Promise<string> {
  return page.locator(".site-header").first().evaluate((el) => getComputedStyle(el).backgroundColor);
}

test("the operator edits a service's title and uploads a blank: the public passport shows both", async ({ page }, info) => {
  const project = info.project.name;
  const errors = collectErrors(page);
  const title = `Запись в библиотеку (${project})`;
  await page.goto("/");
  await loginAs(page, /Соколова/);
  await page.goto("/admin");
  await page.getByRole("link", { name: "Редактор каталога" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Редактор каталога");
  await shot(page, project, "80-admin-catalog");
  await page.goto("/admin/catalog/service/library-reader-ticket");
  await shot(page, project, "81-admin-service");

  // A title left empty in one language is refused with the field named; the typed text stays.
  await page.getByLabel("по-русски").first().fill(title);
  await page.getByLabel("по-английски").first().fill("");
  await page.getByRole("button", { name: "Сохранить" }).click();
  await expect(page.getByRole("alert").first()).toContainText("Найдена 1 ошибка");
  await expect(page.getByLabel("по-русски").first()).toHaveValue(title);
  await shot(page, project, "82-admin-service-refused");
  await page.getByLabel("по-английски").first().fill(`Library reader ticket (${project})`);
  await page.getByRole("button", { name: "Сохранить" }).click();
  await expect(page.getByRole("status")).toHaveText("Изменения сохранены.");

  await page.getByLabel("Название бланка (по-русски)").fill(`Анкета читателя ${project}`);
  await page.getByLabel("Название бланка (по-английски)").fill(`Reader form ${project}`);
  await page.getByLabel("Файл бланка").setInputFiles(pdfFile(`reader-${project}.pdf`));
  await page.getByRole("button", { name: "Загрузить" }).click();
  await expect(page.getByRole("status")).toHaveText("Изменения сохранены.");

  await page.goto("/services/library-reader-ticket");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  const blank = page.getByRole("link", { name: new RegExp(`Анкета читателя ${project}`) });
  await expect(blank).toBeVisible();
  const download = await page.request.get((await blank.getAttribute("href")) ?? "");
  expect(download.status()).toBe(200);
  expect((await download.body()).subarray(0, 5).toString()).toBe("%PDF-");
  await shot(page, project, "83-passport-edited");

  // The online form editor shows the current version's check and its preview as citizens see it.
  await page.goto("/admin/catalog/service/kindergarten-enrolment/form");
  await expect(page.getByText("Ошибок нет: форму можно публиковать.")).toBeVisible();
  await expect(page.locator(".form-preview fieldset").first()).toContainText("Шаг 1 из 4: Сведения о заявителе");
  // A broken text is kept as a draft and checked; publishing it is refused, the current version stays.
  const schema = page.getByLabel("Описание формы (JSON)");
  const current = await schema.inputValue();
  if (project === "js") await page.locator("html[data-hydrated]").waitFor();
  await schema.fill('{"steps": []}');
  if (project === "js") {
    // The editor is an island: the check and the preview follow typing, before anything is sent.
    await expect(page.locator("#schema-check")).toContainText("a form needs at least one step");
    await expect(page.locator(".form-preview")).toHaveCount(0);
  }
  await page.getByRole("button", { name: "Опубликовать новую версию" }).click();
  await expect(page.getByRole("alert").first()).toContainText("Форма не опубликована");
  await expect(page.locator("#schema-check")).toContainText("a form needs at least one step");
  await page.getByLabel("Описание формы (JSON)").fill(current);
  await page.getByRole("button", { name: "Сохранить черновик" }).click();
  await expect(page.locator("#schema-check")).toContainText("Ошибок нет");
  await shot(page, project, "87-admin-online-form");
  await logout(page);
  expect(errors).toEqual([]);
});

test("the operator changes the region colour: every page uses it at once", async ({ page }, info) => {
  const project = info.project.name;
  const errors = collectErrors(page);
  await page.goto("/");
  await loginAs(page, /Соколова/);
  await page.goto("/admin/branding");
  const colour = page.getByLabel("Основной цвет (шапка, кнопки)");
  const original = await colour.inputValue();
  // Too pale for white text: refused, nothing changes.
  await colour.fill("#ffee00");
  await page.getByRole("button", { name: "Сохранить" }).click();
  await expect(page.getByRole("alert").first()).toContainText("Нарушено правило каталога");
  await shot(page, project, "84-admin-branding-refused");
  await page.getByLabel("Основной цвет (шапка, кнопки)").fill("#7a1f3d");
  await page.getByRole("button", { name: "Сохранить" }).click();
  await expect(page.getByRole("status")).toHaveText("Изменения сохранены.");
  await shot(page, project, "85-admin-branding");
  try {
    for (const path of ["/", "/services", "/services/library-reader-ticket", "/search?q=паспорт", "/me", "/admin/catalog"]) {
      // Servers re-read the catalog version at most once a second.
      await expect(async () => {
        await page.goto(path);
        expect(await headerColour(page), path).toBe("rgb(122, 31, 61)");
      }).toPass({ timeout: 5_000 });
    }
    await shot(page, project, "86-home-rebranded");
  } finally {
    await page.goto("/admin/branding");
    await page.getByLabel("Основной цвет (шапка, кнопки)").fill(original);
    await page.getByRole("button", { name: "Сохранить" }).click();
    await expect(page.getByRole("status")).toHaveText("Изменения сохранены.");
  }
  await logout(page);
  expect(errors).toEqual([]);
});
