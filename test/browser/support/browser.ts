/**
 * Debian chromium driven by playwright-core, offline: every request that is not to loopback gets an
 * empty answer (office.js's CDN included), so nothing leaves the machine.
 */
import { existsSync, mkdtempSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { chromium, type BrowserContext, type Page } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const CHROMIUM_MISSING =
  `Debian chromium was not found at ${CHROMIUM}. Install it with:\n` +
  "  apt-get update && apt-get install -y chromium\n" +
  "(as root; CI does this in .ci/run), or set CHROMIUM_PATH to a Chromium binary.";

export function assertChromium(): void {
  if (!existsSync(CHROMIUM)) throw new Error(CHROMIUM_MISSING);
}

export interface Session {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Non-loopback URLs the page tried to reach (answered empty). */
  readonly blocked: string[];
  close(): Promise<void>;
}

export async function openBrowser(): Promise<Session> {
  assertChromium();
  const userDataDir = mkdtempSync(join(tmpdir(), "dti-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 900 },
    locale: "vi-VN",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const blocked: string[] = [];
  await context.route(
    (url) => !["127.0.0.1", "localhost", "[::1]"].includes(url.hostname),
    (route) => {
      blocked.push(route.request().url());
      const js = route.request().resourceType() === "script";
      return route.fulfill({
        status: 200,
        contentType: js ? "text/javascript" : "text/plain",
        body: "",
      });
    }
  );
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page, blocked, close: () => context.close() };
}
