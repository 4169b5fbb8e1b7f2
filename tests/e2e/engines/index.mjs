// The cross-engine driver: which engine this run is for, and its browser.
//
// `cargo xtask test` runs the end-to-end suites once per engine, one engine
// after the other, with SINMUN_ENGINE set (chromium, firefox, webkit); a test
// file launches that engine once and opens its pages through `newPage`.
// Suites written with this driver run in all three; the ones that need
// Chromium's DevTools protocol (Playwright's request routing, CDP throttling,
// Lighthouse) import playwright-core directly and run in Chromium only.
import fs from 'node:fs';
import path from 'node:path';
import { launchChromium } from './chromium.mjs';
import { launchFirefox } from './firefox.mjs';
import { launchWebKit } from './webkit.mjs';

export const ENGINES = ['chromium', 'firefox', 'webkit'];
export const ENGINE = process.env.SINMUN_ENGINE || 'chromium';
if (!ENGINES.includes(ENGINE)) throw new Error(`SINMUN_ENGINE=${ENGINE}: expected one of ${ENGINES.join(', ')}`);

/** The browser of this run's engine. */
export function launchEngine() {
  return { chromium: launchChromium, firefox: launchFirefox, webkit: launchWebKit }[ENGINE]();
}

/** Where a screenshot of this engine goes: <dir>/<engine>/<name>.png. */
export function screenshotFile(dir, name) {
  const folder = path.join(dir, ENGINE);
  fs.mkdirSync(folder, { recursive: true });
  return path.join(folder, `${name}.png`);
}

/**
 * The browser for a test file: launched in `before`, closed in `after`.
 * `session.browser` is the engine's browser (see `newPage`).
 */
export function engineSession(before, after) {
  const session = { browser: null };
  before(async () => { session.browser = await launchEngine(); });
  after(async () => { await session.browser?.close(); });
  return session;
}
