import * as crypto from "node:crypto";
import * as http from "node:http";
import { AddressInfo } from "node:net";

import { expect, test } from "@playwright/test";

import { collectErrors, fileKindergarten, loginAs, logout, portalCli, shot } from "./helpers";

test.beforeAll(() => {
  portalCli("grant-role", "--snils", "678-901-234 38", "--role", "operator");
});

type Delivery = { id: string; signed: boolean; body: any };

// A department's system: an HTTP server that checks each delivery's Standard Webhooks signature
// with Node's own HMAC (an implementation independent of the portal's) and keeps what it got.
function departmentSystem(): Promise<{ url: string; deliveries: Delivery[]; secret: { value: string }; close: () => void }> {
  const deliveries: Delivery[] = [];
  const secret = { value: "" };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const id = String(req.headers["webhook-id"]);
      const timestamp = String(req.headers["webhook-timestamp"]);
      const key = Buffer.from(secret.value.replace(/^whsec_/, ""), "base64");
      const expected = crypto.createHmac("sha256", key).update(`${id}.${timestamp}.`).update(body).digest("base64");
      const signed = String(req.headers["webhook-signature"]).split(" ").includes(`v1,${expected}`);
      deliveries.push({ id, signed, body: JSON.parse(body.toString("utf8")) });
      res.writeHead(signed ? 204 : 401).end();
    });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as AddressInfo).port;
      resolve({ url: `http://127.0.0.1:${port}/hook`, deliveries, secret, close: () => server.close() });
    }),
  );
}

// The operator gives a department's system a webhook, a citizen files an application, the system
// is told of it with a valid signature, and the operator sends the delivery again from the log.
test("a department's system is told of a new application by a signed webhook, and the operator replays it", async ({ page }, info) => {
  const project = info.project.name;
  const js = project === "js";
  const errors = collectErrors(page);
  const system = await departmentSystem();
  const name = `АИС «Образование», вебхук (${project})`;
  await page.goto("/");
  await loginAs(page, /Соколова/);
  await page.goto("/admin/api-clients");
  await page.getByLabel("Название").fill(name);
  await page.getByLabel("Ведомство").selectOption({ label: "Министерство образования Приозёрского края" });
  await page.getByRole("button", { name: "Зарегистрировать и показать ключ" }).click();
  await page.getByRole("link", { name: /Ведомственные системы/ }).click();

  // A plain-http address elsewhere is refused with the reason; this machine's is taken.
  const field = page.getByLabel(`Адрес вебхука системы «${name}»`);
  await field.fill("http://cases.example.ru/hook");
  await page.getByRole("row").filter({ hasText: name }).getByRole("button", { name: "Задать адрес" }).click();
  await expect(page.getByRole("alert")).toContainText("Адрес вебхука должен начинаться с https://");
  await page.getByLabel(`Адрес вебхука системы «${name}»`).fill(system.url);
  await page.getByRole("row").filter({ hasText: name }).getByRole("button", { name: "Задать адрес" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ключ системы");
  system.secret.value = await page.getByLabel("Секрет подписи").inputValue();
  expect(system.secret.value).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
  await shot(page, project, "74-webhook-secret");
  await page.getByRole("link", { name: /Ведомственные системы/ }).click();
  await expect(page.getByRole("row").filter({ hasText: name })).toContainText(system.url);
  await logout(page);

  await loginAs(page, /Иванова/);
  const number = await fileKindergarten(page, js);
  await logout(page);
  await expect.poll(() => system.deliveries.filter((d) => d.body.data.number === number).length, { timeout: 20_000 }).toBeGreaterThan(0);
  const told = system.deliveries.find((d) => d.body.data.number === number)!;
  expect(told.signed).toBe(true);
  expect(told.body.type).toBe("application.registered");
  expect(JSON.stringify(told.body)).not.toContain("Иванова");

  await loginAs(page, /Соколова/);
  await page.goto("/admin");
  await page.getByRole("link", { name: "Доставки вебхуков" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Доставки вебхуков");
  const row = page.getByRole("row").filter({ hasText: number }).filter({ hasText: name });
  await expect(row).toContainText("новое заявление");
  await expect(row).toContainText("доставлено");
  await shot(page, project, "75-webhook-deliveries");
  await row.getByRole("button", { name: /Отправить снова/ }).click();
  await expect(page.getByRole("status")).toContainText("Доставка поставлена в очередь");
  await expect.poll(() => system.deliveries.filter((d) => d.id === told.id).length, { timeout: 20_000 }).toBe(2);

  // Removed, so that later tests' applications are not sent to a system that is gone.
  await page.goto("/admin/api-clients");
  await page.getByRole("button", { name: `Удалить вебхук системы «${name}»` }).click();
  await expect(page.getByRole("status")).toContainText("Вебхук удалён");
  await logout(page);
  system.close();
  expect(errors).toEqual([]);
});
