import * as fs from "node:fs";

import { expect, test } from "@playwright/test";

import { collectErrors, loginAs, logout, portalCli, shot } from "./helpers";

test.beforeAll(() => {
  portalCli("grant-role", "--snils", "678-901-234 38", "--role", "operator");
});

// The operator downloads the service passports for the federal register and uploads the
// register's file: the same passports change nothing, and the page says so.
test("the operator exchanges the service passports with the federal register", async ({ page }, info) => {
  const project = info.project.name;
  const errors = collectErrors(page);
  await page.goto("/");
  await loginAs(page, /Соколова/);
  await page.goto("/admin/catalog");
  const section = page.getByRole("region", { name: "Федеральный реестр услуг" });
  const [download] = await Promise.all([page.waitForEvent("download"), section.getByRole("link", { name: "Скачать паспорта услуг (XML)" }).click()]);
  const file = await download.path();
  const xml = fs.readFileSync(file!, "utf8");
  expect(xml).toContain('<service code="kindergarten-enrolment"');
  await section.getByLabel("Файл из реестра (XML)").setInputFiles({ name: "register.xml", mimeType: "application/xml", buffer: Buffer.from(xml) });
  await section.getByRole("button", { name: "Загрузить и обновить паспорта" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Загрузка из федерального реестра");
  await expect(page.getByRole("status")).toContainText("Обновлено паспортов услуг: 0");
  await shot(page, project, "77-register-import");
  await page.getByRole("link", { name: "← Редактор каталога" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Редактор каталога");
  await logout(page);
  expect(errors).toEqual([]);
});
