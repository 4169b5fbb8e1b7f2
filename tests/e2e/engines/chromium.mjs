// Chromium (Debian's `chromium`) through playwright-core.
import { launch } from '../helpers.mjs';
import { Page } from './page.mjs';

export async function launchChromium() {
  const browser = await launch();
  return {
    name: 'chromium',
    version: browser.version(),
    async newPage({ width = 1280, height = 900, colorScheme = 'light' } = {}) {
      const context = await browser.newContext({ viewport: { width, height }, colorScheme });
      const page = await context.newPage();
      return new Page('chromium', {
        // Playwright's page, for the checks only Chromium's protocol can make.
        native: page,
        goto: (url) => page.goto(url),
        reload: () => page.reload(),
        url: () => page.url(),
        run: (expression) => page.evaluate(expression),
        click: async (expression) => {
          const handle = await page.evaluateHandle(expression);
          await handle.asElement().click();
        },
        press: (key) => page.keyboard.press(key),
        screenshot: (file) => page.screenshot({ path: file }),
        close: () => context.close(),
      });
    },
    close: () => browser.close(),
  };
}
