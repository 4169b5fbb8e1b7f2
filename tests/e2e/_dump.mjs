import { chromium } from 'playwright-core';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'] });
const p = await b.newPage({ viewport: { width: 412, height: 823 } });
await p.goto(process.argv[2], { waitUntil: 'networkidle' });
await p.waitForTimeout(800);
console.log(await p.evaluate(() => document.querySelector('#sinmun').outerHTML));
await b.close();
