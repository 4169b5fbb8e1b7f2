// WebKit (Debian's WebKitGTK: `WebKitWebDriver` driving `MiniBrowser`) through
// selenium-webdriver, classic WebDriver. It has no headless mode: run it under
// `xvfb-run` (cargo xtask test does). A wrong capability makes the session
// request hang instead of failing, so session requests have a time limit.
// One WebDriver session (one MiniBrowser) per page keeps pages apart;
// WebKitWebDriver holds one session at a time, so a new page ends the last
// one's session if a failed test left it open.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { Builder, Key } from 'selenium-webdriver';
import { Page } from './page.mjs';

const MINIBROWSER = process.env.MINIBROWSER || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const SESSION_LIMIT_MS = 20000;

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function waitForPort(port, deadline) {
  while (Date.now() < deadline) {
    const open = await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => { socket.end(); resolve(true); });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`WebKitWebDriver did not listen on port ${port}`);
}

function withLimit(promise, ms, what) {
  let timer;
  const limit = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms); });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

/** Size the window so that the page's viewport (innerWidth × innerHeight) is as asked. */
async function setViewport(driver, width, height) {
  const window = driver.manage().window();
  await window.setRect({ width, height });
  const inner = await driver.executeScript('return [innerWidth, innerHeight]');
  const rect = await window.getRect();
  await window.setRect({ width: rect.width + (width - inner[0]), height: rect.height + (height - inner[1]) });
}

async function startService() {
  const port = await freePort();
  const child = spawn('WebKitWebDriver', [`--port=${port}`], { stdio: 'ignore' });
  await waitForPort(port, Date.now() + 10000);
  return { port, child };
}

/** A new session; when the request hangs, once more with a new WebKitWebDriver. */
async function newSession(service, capabilities) {
  const request = (s) => withLimit(
    new Builder().usingServer(`http://127.0.0.1:${s.port}`).withCapabilities(capabilities).build(),
    SESSION_LIMIT_MS, 'a WebKit session request');
  try {
    return { service, driver: await request(service) };
  } catch (error) {
    if (!/took over/.test(String(error))) throw error;
    service.child.kill('SIGKILL');
    const fresh = await startService();
    return { service: fresh, driver: await request(fresh) };
  }
}

export async function launchWebKit() {
  if (!process.env.DISPLAY) throw new Error('WebKit needs a display: run the tests under xvfb-run');
  let service = await startService();
  const capabilities = {
    browserName: 'MiniBrowser',
    'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
  };
  let version = 'WebKitGTK';
  let open = null; // the live session's driver
  return {
    name: 'webkit',
    get version() { return version; },
    async newPage({ width = 1280, height = 900 } = {}) {
      await open?.quit().catch(() => {});
      const session = await newSession(service, capabilities);
      service = session.service;
      const { driver } = session;
      open = driver;
      version = `WebKitGTK ${(await driver.getCapabilities()).get('browserVersion')}`;
      await driver.manage().setTimeouts({ script: 30000, pageLoad: 30000 });
      await setViewport(driver, width, height);
      let current = 'about:blank';
      return new Page('webkit', {
        goto: async (url) => { await driver.get(url); current = await driver.getCurrentUrl(); },
        reload: () => driver.navigate().refresh(),
        url: () => current,
        run: async (expression) => {
          const result = await driver.executeAsyncScript(`const done = arguments[arguments.length - 1];
            Promise.resolve().then(() => ${expression}).then(
              (value) => done({ value: value === undefined ? null : value }),
              (error) => done({ error: String(error) + (error && error.stack ? '\\n' + error.stack : '') }));`);
          current = await driver.getCurrentUrl();
          if (result?.error) throw new Error(result.error);
          return result?.value;
        },
        click: async (expression) => {
          const element = await driver.executeScript(`return ${expression}`);
          await element.click();
        },
        press: async (key) => {
          // 'ArrowDown' is Key.ARROW_DOWN
          const keys = key.split('+').map((k) => Key[k.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()] ?? k);
          const actions = driver.actions();
          for (const k of keys.slice(0, -1)) actions.keyDown(k);
          actions.sendKeys(keys.at(-1));
          for (const k of keys.slice(0, -1).reverse()) actions.keyUp(k);
          await actions.perform();
        },
        screenshot: async (file) => fs.writeFileSync(file, await driver.takeScreenshot(), 'base64'),
        close: async () => {
          if (open === driver) open = null;
          await driver.quit();
        },
      });
    },
    close: async () => {
      await open?.quit().catch(() => {});
      service.child.kill();
    },
  };
}
