import { expect, test } from "@playwright/test";

import { loginAs } from "../tests/helpers";

// A poor mobile connection as the field reports describe it: 400 kbit/s each way and a
// 400 ms round trip, on a first visit (nothing cached).
const THROTTLE = { offline: false, latency: 400, downloadThroughput: 400_000 / 8, uploadThroughput: 400_000 / 8 };

test("on a slow mobile network the apply form is readable before any script and its live checks follow", async ({ page, context }) => {
  await page.goto("/");
  await loginAs(page, /Иванова Мария Петровна/);
  await page.goto("/services/kindergarten-enrolment/apply");
  await page.getByRole("button", { name: /Начать заполнение|Продолжить/ }).or(page.getByRole("link", { name: "Продолжить черновик" })).first().click();
  await expect(page.getByText("Шаг 1 из 5")).toBeVisible();
  const step = page.url();

  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.emulateNetworkConditions", THROTTLE);
  const scripts: { url: string; bytes: number }[] = [];
  page.on("response", async (r) => {
    if (/\.(wasm|js)$/.test(r.url())) scripts.push({ url: r.url(), bytes: Number(r.headers()["content-length"] ?? 0) });
  });

  const started = Date.now();
  await page.goto(step, { waitUntil: "commit" });
  const snils = page.getByLabel("СНИЛС", { exact: true });
  await expect(snils).toBeVisible({ timeout: 60_000 });
  const readable = Date.now() - started;
  // Readable before the scripts: the form is complete HTML and works without them.
  expect(await page.locator("html[data-hydrated]").count()).toBe(0);

  await page.locator("html[data-hydrated]").waitFor({ timeout: 240_000 });
  const hydrated = Date.now() - started;
  await snils.fill("123-456-789 65");
  await snils.press("Tab");
  await expect(page.getByText("Проверьте СНИЛС: контрольное число не совпадает.").first()).toBeVisible();
  const checked = Date.now() - started;
  const transferred = scripts.reduce((sum, s) => sum + s.bytes, 0);
  console.log(
    `slow network (400 kbit/s, 400 ms RTT, first visit): form readable after ${readable} ms; ` +
      `scripts ${transferred} bytes over the wire; live checks working after ${hydrated} ms; first live problem shown after ${checked} ms`,
  );
});
