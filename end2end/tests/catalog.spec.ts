import { expect, test } from "@playwright/test";
import * as fs from "fs";

test("a citizen finds a service through a life situation, downloads its blank and finds it by search", async ({ page }, info) => {
  const project = info.project.name;
  fs.mkdirSync("screenshots", { recursive: true });

  await page.goto("/");
  await page.getByRole("link", { name: "Рождение ребёнка" }).click();
  await expect(page).toHaveURL(/\/life-situations\/birth-of-child$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Рождение ребёнка");

  await page.getByRole("link", { name: "Назначение единовременного пособия при рождении ребёнка" }).click();
  await expect(page).toHaveURL(/\/services\/child-birth-allowance$/);
  await expect(page.getByRole("heading", { name: "Необходимые документы" })).toBeVisible();
  await page.screenshot({ path: `screenshots/${project}-10-passport.png`, fullPage: true });

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.locator(".blanks a").first().click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^[А-Яа-яЁё].*\.odt$/);
  const saved = await download.path();
  const bytes = fs.readFileSync(saved!);
  expect(bytes.subarray(0, 2).toString()).toBe("PK");
  expect(bytes.toString("latin1")).toContain("application/vnd.oasis.opendocument.text");

  await page.getByRole("link", { name: "Главная" }).click();
  await page.getByLabel("Поиск услуг").fill("паспорта");
  await page.getByRole("button", { name: "Найти" }).click();
  await page.getByRole("link", { name: "Выдача и замена паспорта гражданина Российской Федерации" }).click();
  await expect(page).toHaveURL(/\/services\/internal-passport$/);
});

test("the catalog narrows by department and stage", async ({ page }, info) => {
  await page.goto("/services");
  await page.getByLabel("Ведомство").selectOption("zags");
  await page.getByLabel("Электронный этап").selectOption("4");
  await page.getByRole("button", { name: "Показать" }).click();
  await expect(page).toHaveURL(/department=zags/);
  await expect(page.getByRole("link", { name: "Государственная регистрация рождения" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Государственная регистрация заключения брака" })).toHaveCount(0);
  await page.screenshot({ path: `screenshots/${info.project.name}-11-filtered.png`, fullPage: true });
});

test("typing in the search box suggests services when JavaScript runs, and submits without it", async ({ page }, info) => {
  await page.goto("/");
  if (info.project.name === "js") await page.locator("html[data-hydrated]").waitFor();
  await page.getByLabel("Поиск услуг").pressSequentially("пасп", { delay: 50 });
  if (info.project.name === "js") {
    await expect(page.locator("#search-suggestions a").first()).toHaveText("Выдача и замена паспорта гражданина Российской Федерации");
    await page.screenshot({ path: `screenshots/${info.project.name}-12-suggestions.png` });
  }
  await page.getByLabel("Поиск услуг").press("Enter");
  await expect(page).toHaveURL(/\/search\?q=%D0%BF%D0%B0%D1%81%D0%BF$/);
  await expect(page.locator(".service-card").first()).toContainText("паспорта");
});

test("the browser bundle arrives compressed once, under content-hashed names cached for a year", async ({ page }, info) => {
  const assets: { url: string; encoding?: string; cache?: string; etag?: string }[] = [];
  page.on("response", (r) => {
    const h = r.headers();
    if (r.url().includes("/pkg/")) assets.push({ url: r.url(), encoding: h["content-encoding"], cache: h["cache-control"], etag: h["etag"] });
  });
  // The home page has an island (search suggestions), so it loads the bundle.
  await page.goto("/");
  if (info.project.name === "js") await page.locator("html[data-hydrated]").waitFor();
  const kinds = info.project.name === "js" ? ["css", "js", "wasm"] : ["css"];
  for (const kind of kinds) {
    const asset = assets.find((a) => new RegExp(`/pkg/portal\\.[0-9a-f]{16}\\.${kind}$`).test(a.url));
    expect(asset, `${kind} under a hashed name: ${JSON.stringify(assets)}`).toBeTruthy();
    expect(asset!.cache).toBe("public, max-age=31536000, immutable");
    // The file compressed at build time (its tag names the encoding), not one compressed per request.
    expect(["br", "gzip"]).toContain(asset!.encoding);
    expect(asset!.etag).toBe(`"${asset!.url.split(".").at(-2)}-${asset!.encoding}"`);
  }
  // A name from another release is never answered with this one's content.
  const stale = await page.request.get("/pkg/portal.0000000000000000.wasm");
  expect(stale.status()).toBe(404);
});
