/**
 * Browser test support: Debian's Chromium driven by playwright-core, started by the test
 * itself, and screenshots saved as test artefacts under `tests/artifacts/` (or
 * `$UPDRAFT_ARTIFACTS`).
 *
 * @module
 */

import { type Browser, chromium, type Page } from "playwright-core";

/** Where Debian installs Chromium (`apt-get install chromium`; `.ci/run` does it). */
export const CHROMIUM = "/usr/bin/chromium";

/** The folder screenshots go to. */
export const ARTIFACTS = Deno.env.get("UPDRAFT_ARTIFACTS") ??
  new URL("./artifacts/", import.meta.url).pathname;

/** Start headless Chromium; fails with what to do when it is not installed. */
export async function openBrowser(): Promise<Browser> {
  try {
    await Deno.stat(CHROMIUM);
  } catch {
    throw new Error(
      `browser tests need Chromium at ${CHROMIUM}: apt-get install chromium (.ci/run does it)`,
    );
  }
  return await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // Root in a container has no user namespace for Chromium's sandbox.
    args: ["--no-sandbox", "--disable-dev-shm-usage"],
  });
}

/** Save a full-page screenshot as `<name>.png` in the artefacts folder. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await Deno.mkdir(ARTIFACTS, { recursive: true });
  const path = `${ARTIFACTS.replace(/\/$/, "")}/${name}.png`;
  await page.screenshot({ path, fullPage: true });
  return path;
}
