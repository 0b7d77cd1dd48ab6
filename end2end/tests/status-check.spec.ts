import { expect, test } from "@playwright/test";

import { collectErrors, fileKindergarten, loginAs, logout, shot } from "./helpers";

// A citizen files an application, notes the number and the code from its page, logs out; then
// anyone with both sees its status on /status (reached from the footer), and a wrong code gets a
// plain "not found".
test("anyone with the registration number and the receipt's code sees the status, and nothing else", async ({ page }, info) => {
  const project = info.project.name;
  const js = project === "js";
  const errors = collectErrors(page);
  await page.goto("/");
  await loginAs(page, /Иванова/);
  const number = await fileKindergarten(page, js);
  const code = (await page.locator("dt:has-text('Код проверки статуса') + dd .nowrap").textContent())!.trim();
  expect(code).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
  await logout(page);

  await page.getByRole("link", { name: "Статус заявления по номеру" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Статус заявления по номеру");
  await page.getByLabel("Регистрационный номер").fill(number);
  await page.getByLabel("Код проверки статуса").fill("ABCD-EFGH");
  await page.getByRole("button", { name: "Показать статус" }).click();
  await expect(page.getByRole("alert")).toContainText("Заявления с таким номером и кодом нет");
  await shot(page, project, "80-status-not-found");

  await page.getByLabel("Код проверки статуса").fill(code.toLowerCase());
  await page.getByRole("button", { name: "Показать статус" }).click();
  const result = page.getByRole("status");
  await expect(result).toContainText(number);
  await expect(result).toContainText("Зарегистрировано");
  await expect(page.locator("main")).not.toContainText("Иванова");
  await shot(page, project, "81-status-shown");
  expect(errors).toEqual([]);
});
