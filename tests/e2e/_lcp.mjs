import { chromium } from 'playwright-core';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'] });
const p = await b.newPage({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75 });
await p.addInitScript(() => { window.__lcp = []; new PerformanceObserver(l => { for (const e of l.getEntries()) window.__lcp.push({ t: Math.round(e.startTime), size: e.size, el: e.element ? e.element.nodeName + '.' + e.element.className + ' ' + (e.element.closest('.sinmun-app') ? 'APP' : e.element.closest('.sinmun-prerendered') ? 'SHELL' : '?') : 'removed', url: e.url }); }).observe({ type: 'largest-contentful-paint', buffered: true }); });
await p.goto(process.argv[2], { waitUntil: 'networkidle' });
await p.waitForTimeout(1000);
console.log(JSON.stringify(await p.evaluate(() => window.__lcp), null, 0));
await b.close();
