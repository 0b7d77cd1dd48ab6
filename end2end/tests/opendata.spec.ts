import { expect, test } from "@playwright/test";

import { collectErrors, shot } from "./helpers";

// Anyone finds the open data from the footer, reads what each field means, and downloads a
// dataset that names its licence and schema.
test("anyone finds the open data from the footer and downloads the catalog with its licence", async ({ page, request }, info) => {
  const project = info.project.name;
  const errors = collectErrors(page);
  await page.goto("/");
  await page.getByRole("contentinfo").getByRole("link", { name: "Открытые данные" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Открытые данные");
  await expect(page.getByRole("link", { name: "CC BY 4.0" })).toHaveAttribute("href", "https://creativecommons.org/licenses/by/4.0/");
  const services = page.getByRole("region", { name: "Услуги и их паспорта" });
  await expect(services.getByRole("table", { name: "Описание полей набора «Услуги и их паспорта»" })).toContainText("Срок предоставления, рабочих дней");
  await shot(page, project, "76-opendata");

  const href = await services.getByRole("link", { name: "JSON", exact: true }).getAttribute("href");
  expect(href).toBe("/opendata/services.json");
  const data = await (await request.get(href!)).json();
  expect(data.licence.name).toBe("CC BY 4.0");
  expect(data.schema).toBe("/opendata/services.schema.json");
  expect(data.records.map((s: { code: string }) => s.code)).toContain("kindergarten-enrolment");
  const csv = await request.get("/opendata/figures.csv");
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect((await csv.text()).split("\r\n")[0]).toBe("service,month,applications,filed_online,online_share,decided,mean_processing_days");
  expect(errors).toEqual([]);
});
