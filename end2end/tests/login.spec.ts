import { expect, test } from "@playwright/test";

import { collectErrors, loginAs, logout, portalCli, shot } from "./helpers";

test("a citizen logs in with the federal account, sees the profile and logs out", async ({ page }, info) => {
  const project = info.project.name;
  const errors = collectErrors(page);

  await page.goto("/services");
  await loginAs(page, /Иванова Мария Петровна/);
  await expect(page).toHaveURL(/\/services$/);
  await expect(page.locator(".account-name")).toHaveText("Мария Петровна");

  await page.locator(".account-name").click();
  await expect(page).toHaveURL(/\/me$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Личный кабинет");
  await expect(page.getByText("Иванова Мария Петровна")).toBeVisible();
  await expect(page.getByText("123-456-789 64")).toBeVisible();
  await expect(page.getByText("Подтверждённая")).toBeVisible();
  await expect(page.getByRole("link", { name: "Изменить данные на федеральном портале" })).toBeVisible();
  await shot(page, project, "20-account");

  await logout(page);
  await expect(page).toHaveURL(/\/$/);
  const response = await page.goto("/me");
  expect(response?.status()).toBe(401);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Нужно войти");
  await shot(page, project, "21-login-required");

  // The login page asks to log in and comes back to it.
  await page.getByRole("main").getByRole("link", { name: "Войти через Госуслуги" }).click();
  await page.getByRole("button", { name: /Петров Сергей Иванович/ }).click();
  await expect(page).toHaveURL(/\/me$/);
  await expect(page.getByText("Стандартная")).toBeVisible();
  await logout(page);
  expect(errors).toEqual([]);
});

test("the federal login page is accessible, and a cancelled login is explained", async ({ page }, info) => {
  const project = info.project.name;
  await page.goto("/");
  await page.getByRole("link", { name: "Войти через Госуслуги" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Вход в единую учётную запись");
  await shot(page, project, "22-federal-login");
  await page.getByRole("button", { name: "Отказаться от входа и вернуться" }).click();
  await expect(page).toHaveURL(/\/login\/error\?reason=cancelled$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Не удалось войти");
  await expect(page.getByText("Вы отказались от входа на федеральном портале")).toBeVisible();
  await shot(page, project, "23-login-cancelled");
  await page.getByRole("link", { name: "Попробовать войти ещё раз" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Вход в единую учётную запись");
});

test("a staff member granted operator by the command line sees the staff entry point, a citizen does not", async ({ page }, info) => {
  const project = info.project.name;
  expect(portalCli("grant-role", "--snils", "678-901-234 38", "--role", "operator")).toMatch(/^(granted|unchanged): 678-901-234 38/);

  await page.goto("/");
  await loginAs(page, /Соколова Елена Сергеевна/);
  const admin = page.getByRole("link", { name: "Администрирование" });
  await expect(admin).toBeVisible();
  await admin.click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Администрирование портала");
  await shot(page, project, "24-admin");
  await logout(page);

  await loginAs(page, /Иванова Мария Петровна/);
  await expect(page.locator(".account-name")).toBeVisible();
  await expect(page.getByRole("link", { name: "Администрирование" })).toHaveCount(0);
  const response = await page.goto("/admin");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Нет доступа");
  await logout(page);
});
