import { expect, test, type Page } from "@playwright/test";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

import { collectErrors, loginAs, logout, shot } from "./helpers";

// A small but real PDF to upload as a scan.
function scanFile(): string {
  const file = path.join(os.tmpdir(), `e2e-scan-${process.pid}.pdf`);
  fs.writeFileSync(file, "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
  return file;
}

async function next(page: Page) {
  await page.getByRole("button", { name: "Далее" }).last().click();
}

async function fillChild(page: Page, n: number, given: string, birthdate: string, snils: string) {
  const child = page.getByRole("group", { name: `Ребёнок: ${n}` });
  await child.getByLabel("Фамилия ребёнка").fill("Иванова");
  await child.getByLabel("Имя ребёнка", { exact: true }).fill(given);
  await child.getByLabel("Дата рождения ребёнка").fill(birthdate);
  await child.getByLabel("Серия и номер свидетельства о рождении").fill("IV-АБ 123456");
  await child.getByLabel("СНИЛС ребёнка").fill(snils);
  await child.getByLabel("Адрес места жительства ребёнка").fill("г. Приозёрск, ул. Лесная, д. 5, кв. 12");
  await child.getByRole("radio", { name: "Нет" }).check();
}

test("a citizen applies for a kindergarten place for two children and gets a registration number and receipt", async ({ page }, info) => {
  const project = info.project.name;
  const js = project === "js";
  const errors = collectErrors(page);

  await page.goto("/");
  await loginAs(page, /Иванова Мария Петровна/);
  await page.getByLabel("Поиск услуг").fill("детский сад");
  await page.getByRole("button", { name: "Найти" }).click();
  await page.getByRole("link", { name: "Постановка на учёт и зачисление детей в детские сады" }).click();
  await expect(page.getByText("Для подачи заявления онлайн нужна стандартная учётная запись Госуслуг.")).toBeVisible();
  await page.getByRole("link", { name: "Подать заявление онлайн" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Подача заявления онлайн");
  await shot(page, project, "30-apply-start");
  await page.getByRole("button", { name: /Начать заполнение|Продолжить/ }).or(page.getByRole("link", { name: "Продолжить черновик" })).first().click();

  // Step 1: prefilled from the federal profile.
  await expect(page.getByText("Шаг 1 из 5")).toBeVisible();
  if (js) await page.locator("html[data-hydrated]").waitFor();
  await expect(page.getByLabel("Фамилия", { exact: true })).toHaveValue("Иванова");
  await expect(page.getByLabel("СНИЛС")).toHaveValue("123-456-789 64");
  await page.getByLabel("Паспорт гражданина Российской Федерации: серия и номер").fill("4510 12345");
  if (js) {
    // The browser checks the field as soon as it is left, with the server's own rules.
    await page.getByLabel("Контактный телефон").focus();
    await expect(page.getByText("Введите серию (4 цифры) и номер (6 цифр), например 4510 123456.")).toBeVisible();
  }
  await next(page);
  // Without the relation and with a short passport number, the step comes back with both problems.
  await expect(page.getByRole("alert").getByRole("heading", { name: "Исправьте ошибки" })).toBeVisible();
  await expect(page.getByLabel("Паспорт гражданина Российской Федерации: серия и номер")).toHaveValue("4510 12345");
  await shot(page, project, "31-step-errors");
  await page.getByRole("radio", { name: "Мать" }).check();
  await page.getByLabel("Паспорт гражданина Российской Федерации: серия и номер").fill("4510 123456");
  await next(page);

  // Step 2: two children (the second added with the button).
  await expect(page.getByText("Шаг 2 из 5")).toBeVisible();
  await fillChild(page, 1, "Анна", "2022-05-10", "147-258-369 88");
  await page.getByRole("button", { name: "+ Добавить: Ребёнок" }).click();
  await expect(page.getByRole("group", { name: "Ребёнок: 2" })).toBeVisible();
  await expect(page.getByRole("group", { name: "Ребёнок: 1" }).getByLabel("Имя ребёнка", { exact: true })).toHaveValue("Анна");
  await fillChild(page, 2, "Пётр", "2024-01-15", "258-369-147 14");
  await shot(page, project, "32-children");
  await next(page);

  // Step 3: a priority right with its document.
  await expect(page.getByText("Шаг 3 из 5")).toBeVisible();
  await page.getByLabel("Желаемая дата приёма").fill("2027-09-01");
  await page.getByLabel("Муниципальное образование").selectOption({ label: "город Приозёрск" });
  await page.getByLabel("Предпочтительные детские сады").fill("Детский сад № 5 «Солнышко»");
  await page.getByRole("radio", { name: /Полный день/ }).check();
  await page.getByLabel("Есть право на внеочередное, первоочередное или преимущественное зачисление").check();
  if (!js) {
    // Without JavaScript the questions that depend on the tick appear after sending the page.
    await next(page);
    await expect(page.getByRole("alert").getByRole("heading", { name: "Исправьте ошибки" })).toBeVisible();
  }
  await page.getByLabel("Основание для приоритетного зачисления").selectOption({ label: "Первоочередное: дети из многодетных семей" });
  await page.getByLabel("Документ, подтверждающий право на приоритетное зачисление").setInputFiles(scanFile());
  await next(page);

  // Step 4: consents.
  await expect(page.getByText("Шаг 4 из 5")).toBeVisible();
  await page.getByLabel(/Даю согласие на обработку моих персональных данных/).check();
  await page.getByLabel("Подтверждаю, что представленные сведения достоверны и полны").check();
  await page.getByRole("button", { name: "Проверить заявление" }).last().click();

  // Review, then send.
  await expect(page.getByRole("heading", { name: "Проверьте заявление" })).toBeVisible();
  await expect(page.getByText("Пётр")).toBeVisible();
  await expect(page.getByText("Первоочередное: дети из многодетных семей")).toBeVisible();
  await expect(page.getByRole("link", { name: /e2e-scan-.*\.pdf/ })).toBeVisible();
  await shot(page, project, "33-review");
  await page.getByRole("button", { name: "Отправить заявление" }).click();

  // The receipt: number, deadline, PDF.
  await expect(page.getByRole("heading", { name: "Заявление отправлено и зарегистрировано" })).toBeVisible();
  const number = (await page.locator(".big-number").textContent())!.trim();
  expect(number).toMatch(/^99-\d{4}-\d{6}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Заявление № ${number}`);
  await expect(page.locator(".application-summary")).toContainText("Зарегистрировано");
  await shot(page, project, "34-receipt");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Скачать расписку (PDF)" }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  const pdf = await download.path();
  const text = execFileSync("pdftotext", [pdf!, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
  expect(text).toContain("Расписка в получении заявления");
  expect(text).toContain(number);
  expect(text).toContain("Постановка на учёт и зачисление детей в детские сады");
  expect(text).toContain("Иванова Мария Петровна");

  // My applications.
  await page.getByRole("link", { name: "Мои заявления" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Мои заявления");
  const card = page.locator(".application-card", { hasText: number });
  await expect(card).toContainText("Зарегистрировано");
  await shot(page, project, "35-my-applications");
  await card.getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Заявление № ${number}`);
  await expect(page.getByText("Заявление зарегистрировано")).toBeVisible();
  await logout(page);
  expect(errors).toEqual([]);
});
