import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      { test: { name: "explicit-hooks", include: ["explicit-hooks.test.ts"], globals: false } },
      { test: { name: "globals", include: ["globals.test.ts"], globals: true } },
      { test: { name: "fake-timers", include: ["fake-timers.test.ts"], globals: false } },
    ],
  },
});
