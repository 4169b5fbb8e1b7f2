import { chromium } from 'playwright-core';
const url = process.argv[2];
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'] });
const p = await b.newPage({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75 });
await p.addInitScript(() => {
  window.__shifts = [];
  new PerformanceObserver(l => { for (const e of l.getEntries()) window.__shifts.push({ t: Math.round(e.startTime), v: e.value.toFixed(4), recent: e.hadRecentInput, src: e.sources.map(s => { const n = s.node; return (n ? (n.nodeName + '.' + (n.className || '') + ' ' + (n.textContent || '').slice(0, 30)) : '?') + ` ${JSON.stringify(s.previousRect)}→${JSON.stringify(s.currentRect)}`; }) }); }).observe({ type: 'layout-shift', buffered: true });
});
await p.goto(url, { waitUntil: 'networkidle' });
await p.waitForTimeout(1500);
console.log(JSON.stringify(await p.evaluate(() => window.__shifts), null, 1));
await p.screenshot({ path: '/tmp/probe/shot.png' });
await b.close();
