import { expect, test } from "@playwright/test";

import { collectErrors, loginAs, logout, portalCli, shot } from "./helpers";

// The regional operator, granted from the command line as at installation.
test.beforeAll(() => {
  portalCli("grant-role", "--snils", "678-901-234 38", "--role", "operator");
});

// The operator grants Petrov (a citizen in the other journeys) a clerk role on the staff page,
// sees it listed and on the audit page, then revokes it so the other journeys find him as before.
test("the operator grants a role by SNILS, sees it listed and in the audit trail, and revokes it", async ({ page }, info) => {
  const project = info.project.name;
  const errors = collectErrors(page);
  // Each project grants in its own department, so a second run is a fresh grant too.
  const department = project === "js" ? "Агентство ЗАГС Приозёрского края" : "Министерство социальной защиты Приозёрского края";
  await page.goto("/");
  await loginAs(page, /Соколова/);
  await page.goto("/admin");
  await page.getByRole("link", { name: "Сотрудники и роли" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Сотрудники и роли");

  // A wrong control sum is refused with the reason, and nothing is granted.
  await page.getByLabel("СНИЛС сотрудника").fill("234-567-890 98");
  await page.getByLabel("Роль", { exact: true }).selectOption({ label: "Специалист ведомства" });
  await page.getByLabel("Ведомство", { exact: true }).selectOption({ label: department });
  await page.getByRole("button", { name: "Выдать роль" }).click();
  await expect(page.getByRole("alert")).toContainText("СНИЛС указан неверно");
  await expect(page.getByLabel("СНИЛС сотрудника")).toHaveValue("234-567-890 98");
  await shot(page, project, "60-staff-refused");

  await page.getByLabel("СНИЛС сотрудника").fill("234-567-890 99");
  await page.getByLabel("Ведомство", { exact: true }).selectOption({ label: department });
  await page.getByRole("button", { name: "Выдать роль" }).click();
  await expect(page.getByRole("status")).toContainText("Роль выдана.");
  const table = page.getByRole("table", { name: "Кто имеет роли" });
  const row = table.getByRole("row", { name: /234-567-890 99/ }).filter({ hasText: department });
  await expect(row).toContainText("Специалист ведомства");
  await expect(table.getByRole("row", { name: /678-901-234 38/ })).toContainText("Оператор регионального портала");
  await shot(page, project, "61-staff-granted");

  // The audit trail shows the grant and who made it.
  await page.goto("/admin");
  await page.getByRole("link", { name: "Журнал действий" }).click();
  await page.getByLabel("Действие").selectOption({ label: "Выдана роль" });
  await page.getByRole("button", { name: "Показать" }).click();
  await expect(page).toHaveURL(/action=role_granted/);
  const grant = page.getByRole("row", { name: /Выдана роль/ }).filter({ hasText: "234-567-890 99" }).first();
  await expect(grant).toContainText("Соколова Елена Сергеевна");
  await shot(page, project, "62-audit");

  // The access log keeps its filters.
  await page.goto("/admin/access-log?staff=%D0%9A%D1%83%D0%B7%D0%BD%D0%B5%D1%86%D0%BE%D0%B2%D0%B0");
  await expect(page.getByLabel("Сотрудник (ФИО или СНИЛС)")).toHaveValue("Кузнецова");
  await shot(page, project, "63-access-log-filtered");

  // Revoked: the row is gone.
  await page.goto("/admin/staff");
  await page.getByRole("table", { name: "Кто имеет роли" }).getByRole("row", { name: /234-567-890 99/ }).filter({ hasText: department })
    .getByRole("button", { name: /Отозвать роль/ }).click();
  await expect(page.getByRole("status")).toContainText("Роль отозвана.");
  await expect(page.getByRole("table", { name: "Кто имеет роли" }).getByRole("row", { name: /234-567-890 99/ })).toHaveCount(0);
  await logout(page);
  expect(errors).toEqual([]);
});
