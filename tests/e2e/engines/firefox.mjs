// Firefox (Debian's `firefox-esr`) through puppeteer-core over WebDriver BiDi.
// Playwright's own Firefox protocol needs a patched Firefox; BiDi is standard.
import puppeteer from 'puppeteer-core';
import { Page } from './page.mjs';

export async function launchFirefox() {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX || '/usr/bin/firefox-esr',
    headless: true,
    // Without these Firefox keeps calling its remote-settings server.
    env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
    extraPrefsFirefox: {
      'services.settings.server': 'data:,#remote-settings-off',
      'network.captive-portal-service.enabled': false,
      'network.connectivity-service.enabled': false,
      'app.update.enabled': false,
    },
  });
  return {
    name: 'firefox',
    version: await browser.version(),
    async newPage({ width = 1280, height = 900 } = {}) {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      await page.setViewport({ width, height });
      return new Page('firefox', {
        goto: (url) => page.goto(url, { waitUntil: 'load' }),
        reload: () => page.reload({ waitUntil: 'load' }),
        url: () => page.url(),
        run: (expression) => page.evaluate(expression),
        click: async (expression) => {
          const handle = await page.evaluateHandle(expression);
          await handle.click();
        },
        press: async (key) => {
          const keys = key.split('+');
          for (const k of keys.slice(0, -1)) await page.keyboard.down(k);
          await page.keyboard.press(keys.at(-1));
          for (const k of keys.slice(0, -1).reverse()) await page.keyboard.up(k);
        },
        screenshot: (file) => page.screenshot({ path: file }),
        close: () => context.close(),
      });
    },
    close: () => browser.close(),
  };
}
