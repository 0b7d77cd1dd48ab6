import { execFileSync } from "child_process";

import { expect, test } from "@playwright/test";

import { collectErrors, fileKindergarten, loginAs, logout, portalCli, shot } from "./helpers";

test.beforeAll(() => {
  portalCli("grant-role", "--snils", "456-789-012 38", "--role", "clerk", "--department", "minobr");
});

type Mail = { to: string; subject: string; text: string; html: string; lang: string };

// Every message the test SMTP server received, parsed with Python's standard email package.
function inbox(): Mail[] {
  const script = `
import email, email.policy, json, pathlib, re, sys
out = []
for f in sorted(pathlib.Path(sys.argv[1], "new").glob("*"), key=lambda p: p.stat().st_mtime):
    m = email.message_from_bytes(f.read_bytes(), policy=email.policy.default)
    text = m.get_body(("plain",)).get_content()
    html = m.get_body(("html",)).get_content()
    lang = re.search(r'<html lang="([a-z]+)"', html)
    out.append({"to": m["To"], "subject": m["Subject"], "text": text, "html": html, "lang": lang.group(1) if lang else ""})
print(json.dumps(out))`;
  try {
    return JSON.parse(execFileSync("python3", ["-c", script, process.env.E2E_MAILDIR!], { encoding: "utf8" }));
  } catch {
    return [];
  }
}

test("the decision reaches the citizen by email in Russian with the link, and the bell shows it", async ({ page, baseURL }, info) => {
  const project = info.project.name;
  const errors = collectErrors(page);
  await page.goto("/");
  await loginAs(page, /Иванова Мария Петровна/);
  const number = await fileKindergarten(page, project === "js");
  const applicationUrl = new URL(page.url()).pathname.replace(/\/receipt$/, "");
  await logout(page);

  await loginAs(page, /Кузнецова Ольга Николаевна/);
  await page.goto(`/office?search=${encodeURIComponent(number)}`);
  await page.getByRole("link", { name: number }).click();
  const staffPath = new URL(page.url()).pathname;
  const id = staffPath.split("/").pop()!;
  await page.getByRole("button", { name: "Взять в работу" }).click();
  await page.getByText("Одобрить и выдать результат").click();
  await page.getByLabel("Сформировать документ по шаблону услуги").check();
  await page.getByRole("button", { name: "Одобрить", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText("Решение принято, результат выдан заявителю.");
  await logout(page);

  // The decision email: in Russian, both parts, the link to the application.
  const link = `${baseURL}/applications/${id}`;
  await expect(async () => {
    const mail = inbox().find((m) => m.subject === `Заявление № ${number}: результат готов`);
    expect(mail, "the decision email").toBeDefined();
    expect(mail!.to).toContain("ivanova@example.ru");
    expect(mail!.lang).toBe("ru");
    expect(mail!.text).toContain(`Ваше заявление № ${number} на услугу «Постановка на учёт и зачисление детей в детские сады» одобрено.`);
    expect(mail!.text).toContain(link);
    expect(mail!.html).toContain(`href="${link}"`);
  }).toPass({ timeout: 20_000 });
  expect(inbox().filter((m) => m.subject === `Заявление № ${number} зарегистрировано`)).toHaveLength(1);

  // The bell in the header shows it; the notification centre leads to the application.
  await loginAs(page, /Иванова Мария Петровна/);
  const bell = page.getByRole("link", { name: /^Уведомления: \d+ непрочитан/ });
  await expect(bell).toBeVisible();
  await bell.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Уведомления");
  const notice = page.getByRole("link", { name: `По заявлению № ${number} принято решение` });
  await expect(notice).toBeVisible();
  await shot(page, project, "60-notifications");
  await page.getByRole("button", { name: "Отметить все как прочитанные" }).click();
  await expect(page.getByRole("link", { name: "Уведомления: непрочитанных нет" })).toBeVisible();
  await notice.click();
  await expect(page).toHaveURL(new RegExp(`${applicationUrl}$`));

  // Email choices on the account page.
  await page.goto("/me");
  await page.getByLabel("ведомство просит дополнить заявление").uncheck();
  await page.getByRole("button", { name: "Сохранить" }).click();
  await expect(page.getByRole("status")).toHaveText("Настройки уведомлений сохранены.");
  await expect(page.getByLabel("ведомство просит дополнить заявление")).not.toBeChecked();
  await expect(page.getByLabel("по заявлению принято решение")).toBeChecked();
  await page.getByLabel("ведомство просит дополнить заявление").check();
  await page.getByRole("button", { name: "Сохранить" }).click();
  await shot(page, project, "61-account-notifications");
  await logout(page);
  expect(errors).toEqual([]);
});
