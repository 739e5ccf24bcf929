// Lighthouse with its default settings, which are the mobile ones (a
// phone's screen, a slow 4G link and a 4× slower CPU, simulated), in
// Debian's Chromium.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

export const categories = ['performance', 'accessibility', 'best-practices', 'seo'];

export async function audit(url, { chromePath, flags, out }) {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'statement-lighthouse-'));
  const chrome = await chromeLauncher.launch({
    chromePath,
    chromeFlags: ['--headless=new', ...flags],
    userDataDir,
    logLevel: 'silent',
  });
  try {
    const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: categories });
    const lhr = result.lhr;
    fs.writeFileSync(out, result.report);
    const scores = Object.fromEntries(categories.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)]));
    // What cost points: every weighted audit below full marks, with the
    // addresses its findings name (links, resources), if any.
    const lost = [];
    for (const c of categories) {
      for (const ref of lhr.categories[c]?.auditRefs ?? []) {
        const a = lhr.audits[ref.id];
        if (ref.weight > 0 && a.score !== null && a.score < 1) {
          const items = (a.details?.items ?? []).map((i) => i.href ?? i.url ?? i.node?.snippet ?? JSON.stringify(i));
          lost.push({ category: c, id: a.id, score: a.score, title: a.title, displayValue: a.displayValue, items });
        }
      }
    }
    return {
      scores,
      lost,
      runtimeError: lhr.runtimeError?.message,
      warnings: lhr.runWarnings ?? [],
      metrics: {
        fcp: lhr.audits['first-contentful-paint']?.displayValue,
        lcp: lhr.audits['largest-contentful-paint']?.displayValue,
        tbt: lhr.audits['total-blocking-time']?.displayValue,
        cls: lhr.audits['cumulative-layout-shift']?.displayValue,
      },
    };
  } finally {
    await chrome.kill();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
}
