import { expect, test, type Page } from "@playwright/test";

import { collectErrors, fileKindergarten, loginAs, logout, portalCli, shot } from "./helpers";

// A clerk of the education ministry, which handles kindergarten places.
test.beforeAll(() => {
  portalCli("grant-role", "--snils", "456-789-012 38", "--role", "clerk", "--department", "minobr");
  portalCli("grant-role", "--snils", "678-901-234 38", "--role", "operator");
});

// A page of the demo citizen's federal personal account, signing in to the simulator first when
// it asks (its account pages are open only to the person signed in there).
async function openFederalAccount(page: Page, path = "") {
  await page.goto(`/federal/lk/demo-ivanova${path}`);
  if (await page.getByRole("heading", { name: "Вход в личный кабинет" }).count()) {
    await page.getByRole("button", { name: /Иванова Мария Петровна/ }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Личный кабинет: Иванова Мария Петровна");
    if (path) await page.goto(`/federal/lk/demo-ivanova${path}`);
  }
}

// The federal personal account of the demo citizen, reloaded until `row` shows `status`: the
// portal's workers deliver and poll in the background.
async function federalAccountShows(page: Page, number: RegExp | string, status: RegExp) {
  await expect(async () => {
    await openFederalAccount(page);
    await expect(page.getByRole("row", { name: number })).toContainText(status, { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
}

test("an application filed here appears in the federal personal account, and so does its approval", async ({ page }, info) => {
  const project = info.project.name;
  const errors = collectErrors(page);
  await page.goto("/");
  await loginAs(page, /Иванова Мария Петровна/);
  const number = await fileKindergarten(page, project === "js");
  await logout(page);

  await federalAccountShows(page, number, /Зарегистрировано/);
  await expect(page.getByRole("row", { name: number })).toContainText("Региональный портал");
  await shot(page, project, "50-federal-account");

  await page.goto("/");
  await loginAs(page, /Кузнецова Ольга Николаевна/);
  await page.goto(`/office?search=${encodeURIComponent(number)}`);
  await page.getByRole("link", { name: number }).click();
  await page.getByRole("button", { name: "Взять в работу" }).click();
  await page.getByText("Одобрить и выдать результат").click();
  await page.getByLabel("Сформировать документ по шаблону услуги").check();
  await page.getByRole("button", { name: "Одобрить", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText("Решение принято, результат выдан заявителю.");
  await logout(page);

  await federalAccountShows(page, number, /Одобрено/);

  // The operator sees the delivery figures: everything delivered, nothing parked.
  await page.goto("/");
  await loginAs(page, /Соколова/);
  await page.goto("/admin");
  await page.getByRole("link", { name: "Обмен с федеральным порталом" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Обмен с федеральным порталом");
  await expect(page.locator(".figures").first()).toContainText("Доставлены");
  await expect(page.getByText("Все сообщения доставлены или ещё в работе.").first()).toBeVisible();
  await expect(page.getByRole("heading", { name: "Письма по электронной почте" })).toBeVisible();
  await shot(page, project, "52-admin-federation");
  await logout(page);
  expect(errors).toEqual([]);
});

test("an application filed on the federal portal reaches the regional clerk's queue marked with its origin", async ({ page }, info) => {
  const project = info.project.name;
  const errors = collectErrors(page);
  const request = `Прошу записать ребёнка в детский сад (${project})`;
  await openFederalAccount(page, "/file");
  await page.getByLabel("Услуга").selectOption({ label: "Приозёрский край — Постановка на учёт и зачисление детей в детские сады" });
  await page.getByLabel("Суть обращения").fill(request);
  await page.getByRole("button", { name: "Отправить заявление" }).click();
  await expect(page.getByRole("status")).toContainText("Заявление отправлено в регион");

  await expect(page.getByRole("row", { name: /Отправлено в регион/ })).toHaveCount(1);
  // The region polls its inbox, registers the application and tells the federal side its number,
  // then its status events follow through the outbox (a moment later: the page is reloaded until
  // they are there); the newest comes first.
  const newest = page.getByRole("row", { name: /Госуслуги/ }).first();
  await expect(async () => {
    await openFederalAccount(page);
    await expect(page.getByRole("row", { name: /Отправлено в регион/ })).toHaveCount(0, { timeout: 1_000 });
    await expect(newest).toContainText("Зарегистрировано", { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  const number = (await newest.locator("td").first().textContent())!.trim();
  expect(number).toMatch(/^99-\d{4}-\d{6}$/);

  await page.goto("/");
  await loginAs(page, /Кузнецова Ольга Николаевна/);
  await page.goto("/office?origin=federal");
  const row = page.getByRole("row", { name: new RegExp(number) });
  await expect(row).toContainText("На федеральном портале");
  await shot(page, project, "51-office-federal-origin");
  await row.getByRole("link", { name: number }).click();
  await expect(page.locator(".answers")).toContainText(request);
  await expect(page.getByText("Подано на федеральном портале").first()).toBeVisible();
  await logout(page);
  expect(errors).toEqual([]);
});
