import { expect, test } from "@playwright/test";

import { collectErrors, fileKindergarten, loginAs, logout, portalCli, shot } from "./helpers";

// The regional operator (Соколова) reads the progress dashboards.
test.beforeAll(() => {
  portalCli("grant-role", "--snils", "678-901-234 38", "--role", "operator");
});

test("the operator reads the progress dashboards as tables beside their charts, in low-vision mode too, and downloads a chart's data", async ({ page }, info) => {
  test.setTimeout(90_000);
  const project = info.project.name;
  const errors = collectErrors(page);

  // One application today, so that the chart of applications per day has a column.
  await page.goto("/");
  await loginAs(page, /Иванова Мария Петровна/);
  await fileKindergarten(page, project === "js");
  await logout(page);

  await loginAs(page, /Соколова/);
  await page.goto("/admin");
  await page.getByRole("link", { name: "Показатели перевода услуг в электронный вид" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Показатели перевода услуг в электронный вид");

  // Every chart has its table, which holds the figures.
  const stages = page.getByRole("region", { name: "Услуги по этапам перевода в электронный вид" });
  await expect(stages.getByRole("row", { name: /^Всего/ })).toContainText("51");
  await expect(page.getByText("12 из 17")).toBeVisible();
  const applications = page.getByRole("region", { name: "Заявления по дням и услугам" });
  await expect(applications.getByRole("columnheader", { name: /детские сады/ })).toBeVisible();
  await expect(page.getByRole("region", { name: "Сроки рассмотрения заявлений" }).getByRole("row", { name: /В день подачи/ })).toBeVisible();
  await expect(page.getByRole("region", { name: "Просроченные заявления по ведомствам" }).getByRole("row", { name: /Министерство образования/ })).toBeVisible();
  await expect(page.getByRole("region", { name: "Обмен с федеральным порталом" }).getByRole("row", { name: /Доставлены/ })).toBeVisible();
  await expect(page.locator("svg.chart").first()).toHaveAttribute("aria-hidden", "true");
  await shot(page, project, "70-admin-dashboard");

  // The period form: a reversed period is explained, in Russian, with status 400.
  await page.getByLabel("С", { exact: true }).fill("2026-11-10");
  await page.getByLabel("По", { exact: true }).fill("2026-11-01");
  await page.getByRole("button", { name: "Показать" }).click();
  await expect(page.getByRole("alert")).toContainText("Дата начала периода позже даты окончания");

  // The CSV file of a chart: UTF-8 with a byte order mark, offered as an attachment.
  const csv = await page.request.get("/admin/dashboard.csv?chart=stages");
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-disposition"]).toMatch(/^attachment; filename="dashboard-stages-/);
  const body = await csv.body();
  expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(body.toString("utf8")).toContain("Всего;51;17");

  // Low-vision mode: the charts turn black and white and stack above their tables.
  await page.goto("/admin/dashboard");
  await page.getByRole("button", { name: "Версия для слабовидящих" }).click();
  await expect(page.locator("html")).toHaveClass(/low-vision/);
  await shot(page, project, "71-admin-dashboard-low-vision");
  await page.getByRole("button", { name: "Обычная версия" }).click();
  await expect(page.locator("html")).not.toHaveClass(/low-vision/);
  await logout(page);
  // The reversed period is answered with 400 on purpose; Chromium logs that status.
  expect(errors.filter((e) => !/status of 400 .*\/admin\/dashboard\?from=/.test(e))).toEqual([]);
});
