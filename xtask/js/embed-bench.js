// Compares an embedded waimao widget with a plain page drawing the same chart with Chart.js, for
// `cargo xtask bench` (xtask/src/embed_bench.rs), in one headless Chromium.
//
// Usage: node embed-bench.js GRADERS_DIR WAIMAO_URL [CHROMIUM_FLAG...]
// GRADERS_DIR is the npm folder holding playwright-core and chart.js; WAIMAO_URL is the served app.
// CHROME_PATH names the browser (default /usr/bin/chromium).
//
// The peer page is made as favourable to Chart.js as possible: its data (the same 13 months of the city's
// total trade and their 同比, from the same published overview.json) is written into the page, Chart.js
// is served brotli-compressed from the same machine, and animation is off. Each page is loaded cold
// (a fresh browser context, so no cache) several times. Prints:
//   embed_bytes WAIMAO CHARTJS    bytes transferred for the whole page load (median)
//   embed_paint WAIMAO CHARTJS    ms from navigation start to the first frame after load (median)
'use strict';

const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const zlib = require('node:zlib');
const { createRequire } = require('node:module');

const RUNS = 7;
const MONTHS = 13;
const LOAD_TIMEOUT_MS = 30000;

const [toolsDir, base, ...flags] = process.argv.slice(2);
const need = createRequire(path.join(path.resolve(toolsDir), 'package.json'));
const { chromium } = need('playwright-core');

function median(values) {
  const v = [...values].sort((a, b) => a - b);
  return v[Math.floor(v.length / 2)];
}

// The city's total by month and its 同比 for the last 13 months, computed from the published file as
// the dashboard computes them (exports + imports; growth against the same month a year before).
async function series() {
  const file = await (await fetch(`${base}/data/overview.json`)).json();
  const city = file.series.find((s) => s.region === file.city.code);
  const [y0, m0] = city.exports.start.split('-').map(Number);
  const total = city.exports.values.map((e, i) => (e === null || city.imports.values[i] === null ? null : e + city.imports.values[i]));
  const labels = [];
  const values = [];
  const growth = [];
  for (let i = total.length - MONTHS; i < total.length; i++) {
    const month = (m0 - 1 + i) % 12 + 1;
    labels.push(`${month}月`);
    values.push(total[i] === null ? null : Math.round(total[i] / 1e6) / 100);
    const base12 = total[i - 12];
    growth.push(base12 ? Math.round(((total[i] - base12) / base12) * 1000) / 10 : null);
  }
  return { labels, values, growth };
}

function peerPage(data) {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>宝鸡市 · 月度进出口走势</title>
<style>body{margin:0;font:14px/1.5 sans-serif}figure{margin:0;padding:10px 12px}h1{font-size:15px;margin:0}</style>
</head><body><figure><h1>宝鸡市 · 月度进出口走势</h1><div style="position:relative;height:240px"><canvas id="c"></canvas></div>
<footer>数据来源：宝鸡市商务局</footer></figure>
<script src="/chart.umd.min.js"></script>
<script>
const d = ${JSON.stringify(data)};
new Chart(document.getElementById('c'), {
  data: { labels: d.labels, datasets: [
    { type: 'bar', label: '当月（亿元）', data: d.values, yAxisID: 'y', backgroundColor: '#0072B2' },
    { type: 'line', label: '同比（%）', data: d.growth, yAxisID: 'y1', borderColor: '#D55E00' } ] },
  options: { animation: false, responsive: true, maintainAspectRatio: false,
    scales: { y: { beginAtZero: true }, y1: { position: 'right', grid: { drawOnChartArea: false } } } }
});
</script></body></html>`;
}

// Serves the peer page and Chart.js, brotli-compressed like the waimao server's files.
function servePeer(html) {
  // The package's exports map hides dist/ from require.resolve; its folder is known.
  const lib = fs.readFileSync(path.join(path.resolve(toolsDir), 'node_modules/chart.js/dist/chart.umd.min.js'));
  const files = {
    '/': ['text/html; charset=utf-8', zlib.brotliCompressSync(Buffer.from(html))],
    '/chart.umd.min.js': ['text/javascript', zlib.brotliCompressSync(lib)],
  };
  const server = http.createServer((req, res) => {
    const file = files[req.url];
    if (!file) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'content-type': file[0], 'content-encoding': 'br', 'content-length': file[1].length });
    res.end(file[1]);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// One cold load: bytes on the wire (CDP's encodedDataLength of every response) and the time of the
// first frame after the load event (the chart is drawn by then on both pages).
async function load(browser, url) {
  const context = await browser.newContext({ viewport: { width: 720, height: 480 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    addEventListener('load', () => requestAnimationFrame(() => { window.__painted = performance.now(); }));
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e) => { bytes += e.encodedDataLength; });
  await page.goto(url, { waitUntil: 'load', timeout: LOAD_TIMEOUT_MS });
  await page.waitForFunction(() => window.__painted !== undefined, null, { timeout: LOAD_TIMEOUT_MS });
  const painted = await page.evaluate(() => window.__painted);
  // Late responses (none expected) still count.
  await page.waitForTimeout(200);
  await context.close();
  return { bytes, painted };
}

async function main() {
  const data = await series();
  const peer = await servePeer(peerPage(data));
  const peerUrl = `http://127.0.0.1:${peer.address().port}/`;
  const embedUrl = `${base}/embed/trend?month=latest&lang=zh&theme=light&height=360`;
  const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: flags });
  const results = { waimao: [], chartjs: [] };
  try {
    // Alternate the two so that a slow moment of the machine hits both alike; the first of each warms up.
    for (let run = 0; run <= RUNS; run++) {
      for (const [name, url] of [['waimao', embedUrl], ['chartjs', peerUrl]]) {
        const r = await load(browser, url);
        console.error(`${name} run ${run}: ${r.bytes} bytes, painted at ${r.painted.toFixed(1)} ms`);
        if (run > 0) results[name].push(r);
      }
    }
  } finally {
    await browser.close();
    peer.close();
  }
  const m = (name, key) => median(results[name].map((r) => r[key]));
  console.log(`embed_bytes ${m('waimao', 'bytes')} ${m('chartjs', 'bytes')}`);
  console.log(`embed_paint ${m('waimao', 'painted').toFixed(1)} ${m('chartjs', 'painted').toFixed(1)}`);
}

main().catch((e) => { console.error(e); process.exit(1); });
