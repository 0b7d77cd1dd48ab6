import { expect, test } from "@playwright/test";

import { collectErrors, loginAs, logout, portalCli, shot } from "./helpers";

test.beforeAll(() => {
  portalCli("grant-role", "--snils", "678-901-234 38", "--role", "operator");
});

// The operator registers a department's own system on the API clients' page, gets its key once,
// the system calls the API with it, and the operator revokes it: the same call is then refused.
test("the operator registers a department's system, its key works against the API, and revoking it stops it", async ({ page, request }, info) => {
  const project = info.project.name;
  const errors = collectErrors(page);
  const name = `АИС «Образование» (${project})`;
  await page.goto("/");
  await loginAs(page, /Соколова/);
  await page.goto("/admin");
  await page.getByRole("link", { name: "Ведомственные системы (API)" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ведомственные системы (API)");

  // Without a scope nothing is registered, and the page says why.
  await page.getByLabel("Название").fill(name);
  await page.getByLabel("Ведомство").selectOption({ label: "Министерство образования Приозёрского края" });
  await page.getByLabel(/^read/).uncheck();
  await page.getByRole("button", { name: "Зарегистрировать и показать ключ" }).click();
  await expect(page.getByRole("alert")).toContainText("Отметьте хотя бы одно действие");
  await shot(page, project, "70-api-clients-refused");

  await page.getByLabel("Название").fill(name);
  await page.getByLabel("Ведомство").selectOption({ label: "Министерство образования Приозёрского края" });
  await page.getByLabel(/^read/).check();
  await page.getByLabel(/^work/).check();
  await page.getByRole("button", { name: "Зарегистрировать и показать ключ" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ключ системы");
  const key = await page.getByLabel("Ключ", { exact: true }).inputValue();
  expect(key).toMatch(/^rpk_[0-9a-f]{16}_[0-9a-f]{64}$/);
  await shot(page, project, "71-api-client-key");

  // The system calls with it: the department's queue, in the caller's language.
  const queue = await request.get("/api/v1/applications", { headers: { authorization: `Bearer ${key}` } });
  expect(queue.status()).toBe(200);
  expect(Array.isArray((await queue.json()).items)).toBe(true);

  await page.getByRole("link", { name: /Ведомственные системы/ }).click();
  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("read: очередь");
  await shot(page, project, "72-api-clients");
  await row.getByRole("button", { name: /Отозвать ключ/ }).click();
  await expect(page.getByRole("status")).toContainText("Ключ отозван");
  const refused = await request.get("/api/v1/applications", { headers: { authorization: `Bearer ${key}`, "accept-language": "ru" } });
  expect(refused.status()).toBe(401);
  expect((await refused.json()).title).toBe("Нет аутентификации");

  // The reference page is there for the department's developers, readable without scripts.
  await page.goto("/api/v1/reference");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("API для ведомственных систем");
  await expect(page.getByRole("heading", { name: "GET /api/v1/applications", exact: true })).toBeVisible();
  await shot(page, project, "73-api-reference");
  await page.goto("/");
  await logout(page);
  expect(errors).toEqual([]);
});
