import { expect, test } from "@playwright/test";

import { collectErrors, loginAs, logout, portalCli, shot } from "./helpers";

test.beforeAll(() => {
  portalCli("grant-role", "--snils", "678-901-234 38", "--role", "operator");
});

test("the demo says on every page that logins are simulated, and its federal account needs its own login", async ({ page }, info) => {
  const project = info.project.name;
  const errors = collectErrors(page);
  for (const path of ["/", "/services", "/services/kindergarten-enrolment"]) {
    await page.goto(path);
    await expect(page.locator(".demo-banner")).toContainText("Демонстрационный режим.");
  }
  await shot(page, project, "60-demo-banner");

  // The simulator's personal account of a test person is not open to whoever types its address.
  await page.goto("/federal/lk/demo-ivanova/file");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Вход в личный кабинет");
  expect(errors).toEqual([]);
});

test("a catalog address with values the catalog does not have is answered in words, not with an error", async ({ page }, info) => {
  const project = info.project.name;
  const answer = await page.goto("/services?category=no-such-category");
  expect(answer?.status()).toBe(400);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Запрос не понят");
  await shot(page, project, "61-bad-filter");
  await page.getByRole("link", { name: "К каталогу услуг" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Каталог услуг");
});

test("the operator is told that uploads are not scanned for viruses", async ({ page }, info) => {
  const project = info.project.name;
  await page.goto("/");
  await loginAs(page, /Соколова/);
  await page.goto("/admin");
  await expect(page.getByRole("alert")).toContainText("Антивирусная проверка выключена");
  await shot(page, project, "62-admin-scanning-off");
  await logout(page);
});
