import base from "./playwright.config";

// `./x bench` only: the apply form over a throttled mobile network (slow/*.spec.ts), hydrated.
// A measurement, not a journey: it prints how long each stage took for docs/performance.md.
export default {
  ...base,
  testDir: "./slow",
  timeout: 300_000,
  projects: [{ name: "js", use: { javaScriptEnabled: true } }],
};
