import puppeteer from "puppeteer-core";
import {describe, expect, it} from "vitest";
import {checkAuditToggle} from "./audit-check.js";
import {CHROMIUM, CHROMIUM_ARGS, serveStatic} from "./helpers.js";

// Standalone: MEDSCALE_AUDIT_DIST=<a built dist> npx vitest run test/site/audit.test.ts. The lead's
// build test calls checkAuditToggle after its demo build instead.
const dist = process.env.MEDSCALE_AUDIT_DIST;
describe.skipIf(!dist)("audit page toggles in Chromium (MEDSCALE_AUDIT_DIST)", () => {
  it("refits α in the browser to the value Node computes", async () => {
    const browser = await puppeteer.launch({executablePath: CHROMIUM, args: CHROMIUM_ARGS});
    const {server, url} = await serveStatic(dist!);
    try {
      const page = await browser.newPage();
      for (const slug of ["simple-7b", "complex-70b"]) {
        const result = await checkAuditToggle(page, url, slug);
        expect(result.fit).toBe(slug === "simple-7b" ? "simple.~7B" : "complex.~70B");
      }
      await page.close();
    } finally {
      server.close();
      await browser.close();
    }
  });
});
