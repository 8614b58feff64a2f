// Counts axe-core accessibility violations on the dashboard for `cargo xtask bench` (xtask/src/graders.rs).
//
// Usage: node axe.js GRADERS_DIR URL [CHROMIUM_FLAG...]
// GRADERS_DIR is the npm folder holding axe-core and playwright-core; CHROME_PATH names the browser
// (default /usr/bin/chromium). Prints the number of violations to stdout and, for a developer, each
// violation with the elements it was found on to stderr.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { createRequire } = require('node:module');

// The app has mounted and shown its data once this element exists.
const MOUNTED = '[data-testid=kpi-total-ytd]';
const MOUNT_TIMEOUT_MS = 30000;
// Enough elements to find the pattern without flooding the terminal.
const MAX_ELEMENTS = 5;

const [toolsDir, url, ...flags] = process.argv.slice(2);
if (!toolsDir || !url) {
  console.error('usage: node axe.js GRADERS_DIR URL [CHROMIUM_FLAG...]');
  process.exit(2);
}
// The packages live in xtask's tool cache, not next to this script, so they are resolved from there.
const requireTool = createRequire(path.join(path.resolve(toolsDir), 'package.json'));
const { chromium } = requireTool('playwright-core');
const axeScript = requireTool.resolve('axe-core/axe.min.js');

async function main() {
  // A fresh profile each run, so that no cache or stored state from an earlier run changes the page.
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'axe-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    headless: true,
    // The server's Content-Security-Policy forbids inline scripts, which is how axe-core is injected;
    // bypassing it changes nothing axe checks.
    bypassCSP: true,
    // playwright passes its own headless flag and profile folder; the others are the caller's.
    args: flags.filter((flag) => !flag.startsWith('--headless') && !flag.startsWith('--user-data-dir')),
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => console.error(`    page error: ${error.message}`));
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForSelector(MOUNTED, { timeout: MOUNT_TIMEOUT_MS });
    // The panels below the figures fetch their data after mounting; wait for them to render too.
    await page.waitForLoadState('networkidle');
    await page.addScriptTag({ path: axeScript });
    const result = await page.evaluate(() => window.axe.run());
    report(result);
    console.log(result.violations.length);
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

function report(result) {
  const { violations } = result;
  console.error(`    axe-core ${result.testEngine.version}: ${violations.length} violation(s), ${result.passes.length} passed rules`);
  for (const violation of violations) {
    const count = violation.nodes.length;
    console.error(`    ${violation.id} (${violation.impact}): ${violation.help}; ${count} element(s); ${violation.helpUrl}`);
    for (const node of violation.nodes.slice(0, MAX_ELEMENTS)) {
      console.error(`        ${node.target.join(' ')}  ${node.html}`);
    }
    if (count > MAX_ELEMENTS) {
      console.error(`        ... and ${count - MAX_ELEMENTS} more`);
    }
  }
}

main().catch((error) => {
  console.error(`axe.js: ${error.stack || error}`);
  process.exit(1);
});
