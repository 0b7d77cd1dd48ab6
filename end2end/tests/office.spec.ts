import { expect, test, type Page } from "@playwright/test";

import { collectErrors, fileKindergarten, loginAs, logout, pdfFile, pdfText, portalCli, shot } from "./helpers";

// Clerks and the head of the education ministry, which handles kindergarten places.
test.beforeAll(() => {
  portalCli("grant-role", "--snils", "456-789-012 38", "--role", "clerk", "--department", "minobr");
  portalCli("grant-role", "--snils", "567-890-123 43", "--role", "head", "--department", "minobr");
});

// The clerk opens application `number` from the queue `tab`, found by its number.
async function openFromQueue(page: Page, tab: string, number: string) {
  await page.getByRole("link", { name: "Рабочее место" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Рабочее место специалиста");
  await page.getByRole("navigation", { name: "Очереди" }).getByRole("link", { name: tab }).click();
  await page.getByLabel("Номер заявления или фамилия заявителя").fill(number);
  await page.getByRole("button", { name: "Показать" }).click();
  await page.getByRole("link", { name: number }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Заявление № ${number}`);
}

// The citizen opens their application `number`.
async function openOwn(page: Page, number: string) {
  await page.getByRole("link", { name: "Мои заявления" }).first().click();
  await page.locator(".application-card", { hasText: number }).getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Заявление № ${number}`);
}

test("a clerk takes an application, asks for a document, gets it and approves with a result the citizen downloads", async ({ page }, info) => {
  const project = info.project.name;
  const js = project === "js";
  const errors = collectErrors(page);

  await page.goto("/");
  await loginAs(page, /Иванова Мария Петровна/);
  const number = await fileKindergarten(page, js);
  await logout(page);

  // The clerk finds it among the new ones and takes it.
  await loginAs(page, /Кузнецова Ольга Николаевна/);
  await page.getByRole("link", { name: "Рабочее место" }).click();
  const row = page.getByRole("row", { name: new RegExp(number) });
  await expect(row).toContainText("Иванова Мария Петровна");
  await expect(row).toContainText(/осталось \d+ рабоч/);
  await shot(page, project, "40-office-queue");
  await openFromQueue(page, "Новые", number);
  await expect(page.locator(".applicant-card")).toContainText("123-456-789 64");
  await page.getByRole("button", { name: "Взять в работу" }).click();
  await expect(page.getByRole("status")).toHaveText("Заявление взято в работу.");
  await expect(page.locator(".application-summary")).toContainText("Кузнецова Ольга Николаевна");

  // Asks for a document.
  await page.getByText("Запросить сведения у заявителя").click();
  await page.getByLabel("Что нужно от заявителя").fill("Приложите, пожалуйста, справку о регистрации ребёнка по месту жительства.");
  await page.getByLabel("Недостающие документы").fill("Справка о регистрации по месту жительства");
  await shot(page, project, "41-office-request");
  await page.getByRole("button", { name: "Отправить запрос" }).click();
  await expect(page.getByRole("status")).toHaveText("Запрос отправлен заявителю. Заявление ждёт его ответа.");
  await expect(page.locator(".application-summary")).toContainText("Ожидает ответа заявителя");
  await logout(page);

  // The citizen answers with the file.
  await loginAs(page, /Иванова Мария Петровна/);
  await openOwn(page, number);
  await expect(page.locator(".message.from-clerk")).toContainText("Справка о регистрации по месту жительства");
  await page.getByLabel("Ваш ответ").fill("Справку прикладываю.");
  await page.getByLabel("Файлы к ответу").setInputFiles(pdfFile("spravka.pdf"));
  await page.getByRole("button", { name: "Отправить ответ" }).click();
  await expect(page.locator(".application-summary")).toContainText("На рассмотрении");
  await logout(page);

  // The clerk sees the answer in their work, opens the file and approves with a result document.
  await loginAs(page, /Кузнецова Ольга Николаевна/);
  await openFromQueue(page, "В работе у меня", number);
  const reply = page.locator(".message.from-applicant");
  await expect(reply).toContainText("Справку прикладываю.");
  const [scan] = await Promise.all([page.waitForEvent("download"), reply.getByRole("link", { name: /spravka\.pdf/ }).click()]);
  expect(scan.suggestedFilename()).toMatch(/spravka\.pdf$/);
  await page.getByText("Одобрить и выдать результат").click();
  await page.getByLabel("Приложить готовый документ (PDF)").check();
  await page.getByLabel("Файл результата").setInputFiles(pdfFile("napravlenie.pdf"));
  await shot(page, project, "42-office-decide");
  await page.getByRole("button", { name: "Одобрить", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText("Решение принято, результат выдан заявителю.");
  await expect(page.locator(".application-summary")).toContainText("Результат готов");
  await expect(page.getByRole("heading", { name: "Действия" })).toHaveCount(0);
  await logout(page);

  // The citizen downloads the result.
  await loginAs(page, /Иванова Мария Петровна/);
  await openOwn(page, number);
  const result = page.locator(".result-panel");
  await expect(result).toContainText("napravlenie.pdf");
  await shot(page, project, "43-result");
  const [download] = await Promise.all([page.waitForEvent("download"), result.getByRole("link", { name: /napravlenie\.pdf/ }).click()]);
  expect(download.suggestedFilename()).toMatch(/napravlenie\.pdf$/);
  await logout(page);
  expect(errors).toEqual([]);
});

test("a refusal names its ground and explanation to the citizen, with a decision document", async ({ page }, info) => {
  const project = info.project.name;
  const js = project === "js";
  const errors = collectErrors(page);

  await page.goto("/");
  await loginAs(page, /Иванова Мария Петровна/);
  const number = await fileKindergarten(page, js);
  await logout(page);

  await loginAs(page, /Кузнецова Ольга Николаевна/);
  await openFromQueue(page, "Новые", number);
  await page.getByRole("button", { name: "Взять в работу" }).click();
  await page.getByText("Отказать в предоставлении услуги").click();
  await page.getByLabel("Возраст ребёнка не соответствует условиям приёма").check();
  await page.getByLabel("Пояснение для заявителя").fill("На 1 сентября 2027 года ребёнку не исполнится 2 месяца.");
  await page.getByRole("button", { name: "Отказать", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText("Отказ оформлен, заявитель увидит основание и пояснение.");
  await logout(page);

  await loginAs(page, /Иванова Мария Петровна/);
  await openOwn(page, number);
  await expect(page.locator(".application-summary")).toContainText("Отказано");
  await expect(page.locator(".result-panel")).toContainText("Решение об отказе");
  await expect(page.locator(".result-panel")).toContainText("Возраст ребёнка не соответствует условиям приёма");
  await expect(page.locator(".timeline")).toContainText("Возраст ребёнка не соответствует условиям приёма. На 1 сентября 2027 года ребёнку не исполнится 2 месяца.");
  await shot(page, project, "44-refused");
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator(".result-panel").getByRole("link").first().click()]);
  const text = pdfText((await download.path())!);
  expect(text).toContain("Решение об отказе в предоставлении государственной услуги");
  expect(text).toContain(number);
  expect(text).toContain("Возраст ребёнка не соответствует условиям приёма");
  await logout(page);

  // The head sees the department's figures.
  await loginAs(page, /Волков/);
  await page.getByRole("link", { name: "Рабочее место" }).click();
  await page.getByRole("link", { name: "Показатели ведомства" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Показатели ведомства");
  await expect(page.getByRole("row", { name: /Кузнецова Ольга/ })).toBeVisible();
  await shot(page, project, "45-head-stats");
  await logout(page);
  expect(errors).toEqual([]);
});
