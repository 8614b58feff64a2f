// Times the app's line chart against uPlot, and the dashboard's tooltip, for `cargo xtask bench`
// (xtask/src/chart_bench.rs), all in one headless Chromium.
//
// Usage: node chart-bench.js GRADERS_DIR URL [CHROMIUM_FLAG...]
// GRADERS_DIR is the npm folder holding playwright-core and uplot; URL is the served dashboard;
// CHROME_PATH names the browser (default /usr/bin/chromium).
//
// Prints to stdout one line per figure, in milliseconds, `null` where the part behind it failed:
//   chart_paint_10k WAIMAO UPLOT     render call until painted, 10,000 points (median)
//   chart_paint_166k WAIMAO UPLOT    the same for 166,650 points
//   pointer_sweep WAIMAO UPLOT       script time of a mouse sweep over the 166,650-point chart
//   tooltip_latency MS               mouse event until the frame that shows the dashboard's tooltip
// Details of each run go to stderr. Every part runs even when another fails; the figures that were
// measured are still printed, and the exit status is 1 when any part failed.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { createRequire } = require('node:module');

// Both libraries draw the same size of chart.
const CHART_WIDTH = 720;
const CHART_HEIGHT = 300;
// The two data sizes: a typical long series, and one far wider than the chart in pixels, where
// downsampling decides the cost. The pointer sweep runs over the last, largest one.
const SIZES = [
  ['chart_paint_10k', 10000],
  ['chart_paint_166k', 166650],
];
// The first renders compile and warm caches; only the later ones are timed.
const WARMUP_RENDERS = 2;
const TIMED_RENDERS = 15;
const SWEEP_STEPS = 200;
const TIMED_SWEEPS = 5;
// Awaiting a frame now and then lets the renderer keep up with the moves, as it would with a hand.
const SWEEP_FRAME_EVERY = 20;
const TOOLTIP_HOVERS = 20;
// Long enough for a loaded two-core machine, short enough that a broken page fails the part quickly.
const LOAD_TIMEOUT_MS = 30000;
const TOOLTIP_TIMEOUT_MS = 5000;
const VIEWPORT = { width: 1280, height: 800 };

// The series both pages draw, as source text evaluated in each page so that both build identical
// Float64Arrays there: one reading per second from a fixed unix time (uPlot's time axis counts
// seconds) and a random walk from a seeded xorshift32 generator, the same on every run.
const GENERATOR = `function benchSeries(n) {
  let state = 0x2545f491;
  const random = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  let y = 1000;
  for (let i = 0; i < n; i++) {
    y += random() - 0.5;
    xs[i] = 1700000000 + i;
    ys[i] = y;
  }
  return { xs, ys };
}`;

const [toolsDir, url, ...flags] = process.argv.slice(2);
if (!toolsDir || !url) {
  console.error('usage: node chart-bench.js GRADERS_DIR URL [CHROMIUM_FLAG...]');
  process.exit(2);
}
// The packages live in xtask's tool cache, not next to this script, so they are resolved from there.
const requireTool = createRequire(path.join(path.resolve(toolsDir), 'package.json'));
const { chromium } = requireTool('playwright-core');

// What each library needs for the common benchmark: a page that can draw the series, the element
// the pointer sweeps over, and optionally an element that must show while the pointer is over the
// chart (so that a chart without a tooltip cannot win the sweep by doing less).
const LIBRARIES = {
  uplot: {
    label: 'uPlot',
    open: openUplot,
    plotSelector: '#bench .u-over',
    hoverSelector: null,
  },
  waimao: {
    label: 'waimao',
    open: openWaimao,
    plotSelector: '#bench svg[data-testid="bench-line"]',
    hoverSelector: '[data-testid="bench-line-tooltip"]',
  },
};

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    headless: true,
    // playwright passes its own headless flag and profile folder; the others are the caller's.
    args: flags.filter((flag) => !flag.startsWith('--headless') && !flag.startsWith('--user-data-dir')),
  });
  const results = { uplot: {}, waimao: {}, tooltip: null };
  const failures = [];
  // The data checksum of the first page, which every later page must reproduce.
  const data = { checksums: null };
  try {
    // The pages keep the server's Content-Security-Policy: playwright's evaluation goes through the
    // DevTools protocol, which the policy does not restrict, so the app is timed as users get it.
    const context = await browser.newContext({ viewport: VIEWPORT });
    for (const [key, library] of Object.entries(LIBRARIES)) {
      await part(`${library.label} chart`, failures, () => benchLibrary(context, library, results[key], data));
    }
    await part('tooltip latency', failures, async () => {
      results.tooltip = await tooltipLatency(context);
    });
  } finally {
    await browser.close();
  }
  for (const [name] of SIZES) {
    console.log(`${name} ${figure(results.waimao[name])} ${figure(results.uplot[name])}`);
  }
  console.log(`pointer_sweep ${figure(results.waimao.pointer_sweep)} ${figure(results.uplot.pointer_sweep)}`);
  console.log(`tooltip_latency ${figure(results.tooltip)}`);
  if (failures.length > 0) {
    console.error(`chart-bench.js: failed: ${failures.join(', ')}; their figures are null`);
    process.exitCode = 1;
  }
}

// Runs one independent part, turning its failure into a message so that the other parts still run.
async function part(name, failures, run) {
  try {
    await run();
  } catch (error) {
    failures.push(name);
    console.error(`chart-bench.js: ${name} failed: ${error.message || error}`);
  }
}

function figure(value) {
  return typeof value === 'number' && Number.isFinite(value) ? value.toFixed(3) : 'null';
}

// Times painting at each size, then sweeps the pointer over the largest chart. Results are stored
// as they come, so a failure in the sweep keeps the paint figures.
async function benchLibrary(context, library, results, data) {
  const page = await context.newPage();
  try {
    page.on('pageerror', (error) => console.error(`    ${library.label} page error: ${error.message}`));
    await library.open(page);
    await page.evaluate(`window.benchSeries = (${GENERATOR});`);
    const checksums = await page.evaluate((sizes) => {
      window.benchData = new Map(sizes.map((n) => [n, window.benchSeries(n)]));
      return sizes.map((n) => window.benchData.get(n).ys.reduce((sum, y) => sum + y, 0));
    }, SIZES.map(([, n]) => n));
    if (data.checksums === null) {
      data.checksums = checksums;
    } else if (checksums.some((sum, i) => sum !== data.checksums[i])) {
      throw new Error(`the generated series differ between pages (${checksums} vs ${data.checksums})`);
    }
    for (const [name, n] of SIZES) {
      results[name] = await paint(page, library, n);
    }
    // The sweep runs over the chart painted last, the largest.
    results.pointer_sweep = await pointerSweep(page, library);
  } finally {
    await page.close();
  }
}

// A blank page with uPlot's style sheet and script inlined, so that nothing comes from a network.
async function openUplot(page) {
  const css = fs.readFileSync(requireTool.resolve('uplot/dist/uPlot.min.css'), 'utf8');
  const script = fs.readFileSync(requireTool.resolve('uplot/dist/uPlot.iife.min.js'), 'utf8');
  if (/<\/script/i.test(script)) {
    throw new Error('uPlot.iife.min.js contains "</script" and cannot be inlined');
  }
  await page.setContent(
    `<!doctype html><html><head><meta charset="utf-8"><style>${css}</style>` +
      `<style>body { margin: 0; font-family: sans-serif; }</style></head>` +
      `<body><div id="bench"></div><script>${script}</script></body></html>`,
  );
  await page.evaluate(
    ({ width, height }) => {
      const el = document.getElementById('bench');
      // One line series with uPlot's defaults otherwise: a time axis, a cursor with points, and a
      // legend that shows the values under the cursor.
      const opts = { width, height, series: [{}, { label: 'value', stroke: '#1f77b4', width: 1 }] };
      window.benchClear = () => {
        window.benchChart?.destroy();
        window.benchChart = null;
      };
      window.benchRender = (xs, ys) => {
        window.benchChart = new window.uPlot(opts, [xs, ys], el);
      };
    },
    { width: CHART_WIDTH, height: CHART_HEIGHT },
  );
}

// The app in bench mode, which mounts no dashboard and exports `bench_line` from its wasm.
async function openWaimao(page) {
  const bench = new URL(url);
  bench.searchParams.set('bench', '1');
  await page.goto(bench.href, { waitUntil: 'load' });
  // Trunk's loader sets window.wasmBindings once the wasm has started; a missing export after that
  // will not appear later, so it fails at once instead of after a timeout.
  await page.waitForFunction(() => window.wasmBindings !== undefined, null, { timeout: LOAD_TIMEOUT_MS });
  const exported = await page.evaluate(() => typeof window.wasmBindings.bench_line);
  if (exported !== 'function') {
    throw new Error(`the app does not export bench_line (window.wasmBindings.bench_line is ${exported})`);
  }
  await page.evaluate(() => {
    // bench_line replaces the chart of an earlier call itself.
    window.benchClear = () => {};
    window.benchRender = (xs, ys) => window.wasmBindings.bench_line(xs, ys);
  });
}

// The median time from just before the render call until two animation frames later, when the
// chart has been painted, over the timed renders of `n` points.
async function paint(page, library, n) {
  const times = [];
  const calls = [];
  for (let run = 0; run < WARMUP_RENDERS + TIMED_RENDERS; run++) {
    const { painted, call } = await renderOnce(page, n);
    if (run === 0) {
      await checkRendered(page, library);
    }
    if (run >= WARMUP_RENDERS) {
      times.push(painted);
      calls.push(call);
    }
  }
  // Painted times move in whole frames; the render call alone shows the work behind them.
  console.error(
    `    ${library.label} ${n} points: painted ${times.map((ms) => ms.toFixed(1)).join(' ')} ms; ` +
      `render call (with its microtasks) median ${median(calls).toFixed(1)} ms`,
  );
  return median(times);
}

async function renderOnce(page, n) {
  return page.evaluate(async (n) => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    const { xs, ys } = window.benchData.get(n);
    window.benchClear();
    // Removing the previous chart is not part of the timing.
    await frame();
    const t0 = performance.now();
    window.benchRender(xs, ys);
    // uPlot draws in a microtask it queues while rendering; waiting for one queued after it counts
    // that drawing as part of the call.
    await new Promise((resolve) => queueMicrotask(resolve));
    const returned = performance.now();
    await frame();
    await frame();
    return { painted: performance.now() - t0, call: returned - t0 };
  }, n);
}

async function checkRendered(page, library) {
  const found = await page.evaluate((selector) => document.querySelector(selector) !== null, library.plotSelector);
  if (!found) {
    throw new Error(`after rendering, the page has no ${library.plotSelector}`);
  }
}

// The script time, read from Chromium's own counters, that sweeping the real mouse across the chart
// and back costs; the median of a few sweeps after one untimed sweep.
async function pointerSweep(page, library) {
  const plot = await page.locator(library.plotSelector).boundingBox();
  if (!plot) {
    throw new Error(`${library.plotSelector} has no box to sweep over`);
  }
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  try {
    await sweep(page, plot);
    if (library.hoverSelector) {
      await page.mouse.move(plot.x + plot.width / 2, plot.y + plot.height / 2);
      await frames(page, 2);
      const shown = await page.evaluate((selector) => document.querySelector(selector) !== null, library.hoverSelector);
      if (!shown) {
        throw new Error(`the pointer over the chart shows no ${library.hoverSelector}`);
      }
    }
    const times = [];
    for (let run = 0; run < TIMED_SWEEPS; run++) {
      await page.mouse.move(plot.x + 1, plot.y + plot.height / 2);
      await frames(page, 2);
      const before = await scriptSeconds(cdp);
      await sweep(page, plot);
      await frames(page, 2);
      times.push((await scriptSeconds(cdp)) - before);
    }
    const ms = times.map((seconds) => seconds * 1000);
    console.error(`    ${library.label} pointer sweeps: ${ms.map((value) => value.toFixed(1)).join(' ')} ms of script`);
    return median(ms);
  } finally {
    await cdp.detach();
  }
}

// Moves the mouse in steps from the left edge of the box to the right and back, along its middle.
async function sweep(page, box) {
  const y = box.y + box.height / 2;
  const x = (step) => box.x + 1 + ((box.width - 2) * step) / SWEEP_STEPS;
  const steps = [];
  for (let step = 0; step <= SWEEP_STEPS; step++) steps.push(step);
  for (let step = SWEEP_STEPS - 1; step >= 0; step--) steps.push(step);
  for (const [i, step] of steps.entries()) {
    await page.mouse.move(x(step), y);
    if (i % SWEEP_FRAME_EVERY === SWEEP_FRAME_EVERY - 1) {
      await frames(page, 1);
    }
  }
}

async function frames(page, count) {
  await page.evaluate(async (count) => {
    for (let i = 0; i < count; i++) {
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
  }, count);
}

async function scriptSeconds(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = metrics.find((entry) => entry.name === 'ScriptDuration');
  if (!metric) {
    throw new Error('Performance.getMetrics reported no ScriptDuration');
  }
  return metric.value;
}

// The median time from the mouse event to the first animation frame after the trend chart's
// tooltip changed to the hovered month, over hovers of different months.
async function tooltipLatency(context) {
  const page = await context.newPage();
  try {
    page.on('pageerror', (error) => console.error(`    dashboard page error: ${error.message}`));
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForSelector('[data-testid="trend-hit-0"]', { state: 'attached', timeout: LOAD_TIMEOUT_MS });
    // The other panels fetch their data after mounting; their rendering must not land in a timing.
    await page.waitForLoadState('networkidle');
    await page.locator('[data-testid="trend-chart"]').scrollIntoViewIfNeeded();
    await frames(page, 2);
    await page.evaluate(installTooltipProbe, TOOLTIP_TIMEOUT_MS);
    const targets = await page.evaluate(() =>
      [...document.querySelectorAll('[data-testid="panel-trend"] [data-testid^="trend-hit-"]')].map((hit) => {
        const box = hit.getBoundingClientRect();
        return { id: hit.dataset.testid, x: box.x + box.width / 2, y: box.y + box.height / 2 };
      }),
    );
    if (targets.length < 2) {
      throw new Error(`the trend chart has ${targets.length} hover areas; at least 2 are needed`);
    }
    for (const target of targets) {
      if (target.x < 0 || target.y < 0 || target.x >= VIEWPORT.width || target.y >= VIEWPORT.height) {
        throw new Error(`${target.id} is outside the viewport at (${target.x}, ${target.y})`);
      }
    }
    // A stride that shares no factor with the number of months visits distinct months in turn, each
    // different from the one before, so the tooltip changes on every hover.
    let stride = Math.max(1, Math.round(targets.length / 3));
    while (gcd(stride, targets.length) !== 1) stride++;
    const order = Array.from({ length: TOOLTIP_HOVERS + 1 }, (_, i) => (i * stride) % targets.length);
    const latencies = [];
    const texts = new Set();
    for (const [i, index] of order.entries()) {
      const target = targets[index];
      await page.evaluate(() => window.benchTooltipProbe.arm());
      await page.mouse.move(target.x, target.y);
      const seen = await page.evaluate(() => window.benchTooltipProbe.result());
      // The first hover opens the tooltip from nothing and warms the code path; it is not timed.
      if (i > 0) {
        latencies.push(seen.latency);
        texts.add(seen.text);
      }
    }
    console.error(
      `    tooltip latency over ${latencies.length} hovers (${texts.size} different tooltips): ` +
        `${latencies.map((ms) => ms.toFixed(1)).join(' ')} ms`,
    );
    return median(latencies);
  } finally {
    await page.close();
  }
}

// Runs in the dashboard page: records the time stamp of the first mouse event after `arm()` and
// resolves `result()` in the first animation frame after the tooltip shows different text.
function installTooltipProbe(timeout) {
  const layer = document.querySelector('[data-testid="panel-trend"] .tooltip-layer');
  if (!layer) {
    throw new Error('the page has no [data-testid="panel-trend"] .tooltip-layer');
  }
  const tooltipText = () => layer.querySelector('[data-testid="tooltip"]')?.textContent ?? '';
  const probe = { armed: false, eventTime: null, before: '', done: null, settle: null };
  const onEvent = (event) => {
    if (probe.armed && probe.eventTime === null) {
      probe.eventTime = event.timeStamp;
    }
  };
  // Capturing on the window sees the event before any handler of the app runs. A hover's pointer
  // events come before its mouse events, and the app may answer the first of them.
  for (const type of ['pointerover', 'pointermove', 'mouseover', 'mousemove']) {
    addEventListener(type, onEvent, { capture: true });
  }
  new MutationObserver(() => {
    const text = tooltipText();
    // Removing the old tooltip before adding the new one is not yet the change the reader sees.
    if (!probe.armed || probe.eventTime === null || text === '' || text === probe.before) {
      return;
    }
    probe.armed = false;
    const { eventTime, settle } = probe;
    requestAnimationFrame(() => settle({ latency: performance.now() - eventTime, text }));
  }).observe(layer, { childList: true, subtree: true, characterData: true, attributes: true });
  window.benchTooltipProbe = {
    arm() {
      probe.armed = true;
      probe.eventTime = null;
      probe.before = tooltipText();
      probe.done = new Promise((resolve, reject) => {
        probe.settle = resolve;
        setTimeout(() => reject(new Error(`the tooltip did not change within ${timeout} ms of a hover`)), timeout);
      });
      // Without a handler, a hover that never arrives would be an unhandled rejection before
      // result() is asked for.
      probe.done.catch(() => {});
    },
    result() {
      return probe.done;
    },
  };
}

function gcd(a, b) {
  return b === 0 ? a : gcd(b, a % b);
}

// The median, the mean of the middle pair for an even count.
function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) {
    throw new Error('no values to take the median of');
  }
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

main().catch((error) => {
  console.error(`chart-bench.js: ${error.stack || error}`);
  process.exit(1);
});
