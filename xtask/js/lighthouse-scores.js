// Reads Lighthouse JSON reports for `cargo xtask bench` (xtask/src/graders.rs), which has no JSON parser.
//
// Usage: node lighthouse-scores.js REPORT.json...
// Prints to stdout one line per category, `CATEGORY SCORE...`, then `metric AUDIT VALUE...` for LCP, TBT
// and CLS, one 0-100 score per report (`null` when a
// report has none), and to stderr what a developer needs to raise the scores: each run's metrics and
// the audits that failed in the first report, with the elements they failed on.
'use strict';

const fs = require('node:fs');

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const METRICS = [
  ['first-contentful-paint', 'FCP'],
  ['largest-contentful-paint', 'LCP'],
  ['total-blocking-time', 'TBT'],
  ['cumulative-layout-shift', 'CLS'],
  ['speed-index', 'SI'],
];
// Enough elements to find the pattern without flooding the terminal.
const MAX_ELEMENTS = 5;

const paths = process.argv.slice(2);
if (paths.length === 0) {
  console.error('usage: node lighthouse-scores.js REPORT.json...');
  process.exit(2);
}
const reports = paths.map((path) => JSON.parse(fs.readFileSync(path, 'utf8')));

reports.forEach((report, index) => {
  const run = `    Lighthouse run ${index + 1}`;
  if (report.runtimeError) {
    console.error(`${run}: runtime error ${report.runtimeError.code}: ${report.runtimeError.message}`);
  }
  const metrics = METRICS.map(([id, label]) => `${label} ${report.audits[id]?.displayValue ?? '?'}`);
  console.error(`${run}: ${metrics.join(', ')}`);
  for (const warning of report.runWarnings ?? []) {
    console.error(`${run}: warning: ${warning}`);
  }
});

// Lighthouse shows a category's score as the rounded percentage, so the bench line uses the same number.
for (const category of CATEGORIES) {
  const scores = reports.map((report) => {
    const score = report.categories?.[category]?.score;
    return typeof score === 'number' ? Math.round(score * 100) : 'null';
  });
  console.log(`${category} ${scores.join(' ')}`);
}

// The load metrics as numbers (ms, CLS unitless), for the bench lines lcp_ms, tbt_ms and cls.
for (const id of ['largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift']) {
  const values = reports.map((report) => {
    const value = report.audits?.[id]?.numericValue;
    return typeof value === 'number' ? value : 'null';
  });
  console.log(`metric ${id} ${values.join(' ')}`);
}

// Performance is explained by the metrics above; the other categories by the audits they failed.
const first = reports[0];
for (const category of CATEGORIES.filter((id) => id !== 'performance')) {
  const refs = first.categories?.[category]?.auditRefs ?? [];
  for (const ref of refs.filter((ref) => ref.weight > 0)) {
    const audit = first.audits[ref.id];
    if (!audit || audit.score === null || audit.score >= 1) {
      continue;
    }
    console.error(`    ${category}: ${audit.id} failed (weight ${ref.weight}): ${audit.title}`);
    const items = audit.details?.items ?? [];
    for (const item of items.slice(0, MAX_ELEMENTS)) {
      const node = item.node;
      const where = node ? `${node.selector} ${node.snippet}` : item.url ?? item.source?.url ?? JSON.stringify(item);
      console.error(`        ${where}`);
    }
    if (items.length > MAX_ELEMENTS) {
      console.error(`        ... and ${items.length - MAX_ELEMENTS} more`);
    }
  }
}
