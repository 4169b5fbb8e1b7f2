import { chromium } from 'playwright-core';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'] });
const p = await b.newPage({ viewport: { width: 1280, height: 900 } });
p.on('console', (m) => console.log('console', m.type(), m.text()));
p.on('pageerror', (e) => console.log('pageerror', String(e)));
await p.goto(process.argv[2]);
await p.waitForTimeout(5000);
console.log(await p.evaluate(() => ({ shell: !!document.querySelector('.sinmun-prerendered'), bodies: [...document.querySelectorAll('[data-sinmun-render]')].map(b => [b.className, b.dataset.sinmunRender, b.dataset.sinmunRendered]), app: document.querySelector('.sinmun-app')?.hidden, ready: document.readyState })));
await b.close();
