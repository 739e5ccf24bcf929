// The browser suite: the built site as a reader gets it, in Debian's
// Chromium, served on loopback with the CDN's headers.
//
//   node tools/browser/run.js [SITE_DIR] [--out DIR] [--skip-lighthouse]
//
// SITE_DIR is a production build (default public/); screenshots and
// reports go to --out (default build/browser/). Every page of every
// published language, at 360×640 and 1280×800:
//   - axe-core (WCAG 2.0/2.1/2.2 A and AA, best practices): no violation;
//   - no console error or warning, no Content-Security-Policy violation, no request
//     to another origin, no failed request;
//   - the layout is the mirror image of itself in the other direction, and
//     a page with <html dir="rtl"> is laid out right to left;
//   - text in another language than the page (English fallback) has its
//     own dir and is laid out in it;
//   - the keyboard: the skip link is the first thing Tab reaches, and it
//     moves focus into <main>;
//   - a full-page screenshot.
// Then the Nu Html Checker over all HTML, CSS and SVG, and Lighthouse
// (mobile) on English and the first right-to-left language: 100 in each
// category. Exit status 1 if anything fails.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

import { focusState, foreignText, mirror, recordViolations } from './lib/inpage.js';
import { audit, categories } from './lib/lighthouse.js';
import { serve } from './lib/server.js';
import { discover, home } from './lib/site.js';
import { chromiumMajor, chromiumProblem, supportedRange, versions } from './lib/versions.js';
import { vnu } from './lib/vnu.js';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');

const viewports = [{ width: 360, height: 640 }, { width: 1280, height: 800 }];
const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const chromePath = process.env.CHROME_PATH || '/usr/bin/chromium';
// The machine has no network but the package registries: Chromium must
// not try to reach Google's services. In a container, /dev/shm is often
// Docker's 64 MB, too small for a page's screenshots: Chromium writes its
// shared memory to /tmp instead.
const chromeFlags = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update',
  '--no-first-run', '--disable-sync', '--disable-quic', '--ignore-certificate-errors'];

function parseArgs(argv) {
  const o = { site: 'public', out: 'build/browser', lighthouse: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--out') o.out = argv[++i];
    else if (a === '--skip-lighthouse') o.lighthouse = false;
    else if (a === '-h' || a === '--help') {
      console.log('usage: node tools/browser/run.js [SITE_DIR] [--out DIR] [--skip-lighthouse]');
      process.exit(0);
    } else if (a.startsWith('-')) {
      console.error(`unknown flag ${a}`);
      process.exit(2);
    } else o.site = a;
  }
  return o;
}

const failures = [];
function fail(what) {
  failures.push(what);
  console.log(`  FAIL ${what}`);
  // Under CI_FORMAT=github each problem is also an annotation on the run
  // (the site's pages are output, not lines of a source file).
  if (process.env.CI_FORMAT === 'github') {
    console.log(`::error title=browser suite::${what.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A')}`);
  }
}

async function checkPage(context, site, page, viewport, out) {
  const size = `${viewport.width}x${viewport.height}`;
  const label = `${page.path} ${size}`;
  const tab = await context.newPage();
  const problems = [];
  tab.on('console', (m) => {
    // A page without script logs nothing of its own: whatever the browser
    // reports (a blocked style, a header it cannot parse) is a defect.
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  tab.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  tab.on('request', (r) => {
    const u = new URL(r.url());
    if (u.protocol !== 'data:' && u.host !== site.host) problems.push(`request to another origin: ${r.url()}`);
  });
  tab.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
  tab.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()} for ${r.url()}`);
  });

  const response = await tab.goto(page.url, { waitUntil: 'load' });
  const csp = response.headers()['content-security-policy'] ?? '';
  if (!csp.includes("default-src 'none'")) problems.push(`the page was served without its Content-Security-Policy (${csp || 'none'})`);
  if (response.headers()['x-robots-tag']) problems.push('X-Robots-Tag is set: this is a preview build; check a production build');

  const shot = path.join(out, 'screenshots', `${page.rel.replace(/\.html$/, '').replaceAll('/', '-')}-${size}.png`);
  await tab.screenshot({ path: shot, fullPage: true });

  // axe: evaluated through the DevTools protocol, so the page's own
  // policy (script-src 'none') does not stop it.
  await tab.evaluate(fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const axe = await tab.evaluate((tags) => window.axe.run(document, {
    runOnly: { type: 'tag', values: tags },
    resultTypes: ['violations', 'incomplete'],
  }).then((r) => ({
    violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ')}`) })),
    incomplete: r.incomplete.map((v) => `${v.id} on ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    passes: r.passes.length,
  })), axeTags);
  for (const v of axe.violations) {
    problems.push(`axe ${v.id} (${v.impact}): ${v.help}\n      ${v.nodes.slice(0, 5).join('\n      ')}`);
  }

  // Right to left: the attribute, the computed direction, and the layout.
  const m = await tab.evaluate(mirror);
  if (m.checked < 5) problems.push(`layout: only ${m.checked} block boxes to compare; the mirror check proves nothing`);
  for (const b of m.broken.slice(0, 12)) problems.push(`layout does not mirror: ${b}`);
  if (m.broken.length > 12) problems.push(`layout does not mirror: … and ${m.broken.length - 12} more`);
  if (m.attr === 'rtl') {
    if (m.dir !== 'rtl' || m.bodyDirection !== 'rtl') problems.push(`<html dir="rtl"> but the computed direction is ${m.dir}/${m.bodyDirection}`);
    if (m.asymmetric === 0) problems.push('right to left: no box moved when the direction flipped; the page is not laid out right to left');
  }
  // Text in another language (English fallback, language names) keeps its
  // own direction: English on an Arabic page reads left to right.
  for (const p of (await tab.evaluate(foreignText)).problems) problems.push(`direction: ${p}`);

  // Keyboard, from a fresh load: Tab, then follow the skip link.
  await tab.goto(page.url, { waitUntil: 'load' });
  await tab.keyboard.press('Tab');
  const first = await tab.evaluate(focusState);
  let keyboard = `first Tab: ${first.element}`;
  if (first.where === 'before') {
    if (!first.href || first.href !== `#${first.mainId}`) {
      problems.push(`keyboard: the first focusable element is ${first.element}, not a skip link to #${first.mainId}`);
    } else {
      if (!first.visible) problems.push(`keyboard: the skip link ${first.element} is not fully visible when focused`);
      await tab.keyboard.press('Enter');
      const target = await tab.evaluate(focusState);
      if (target.where !== 'main') problems.push(`keyboard: after the skip link, focus is on ${target.element}, not in <main>`);
      await tab.keyboard.press('Tab');
      const next = await tab.evaluate(focusState);
      if (next.where !== 'main' && next.where !== 'after') problems.push(`keyboard: Tab after the skip link goes back to ${next.element}`);
      keyboard += ` → Enter: ${target.element} → Tab: ${next.element}`;
    }
  } else if (first.where === 'none') {
    problems.push(`keyboard: Tab reached ${first.element}; the page has no <main> or nothing focusable`);
  } else {
    keyboard += ' (nothing focusable comes before <main>: no skip link needed)';
  }

  const violations = await tab.evaluate(() => window.__cspViolations ?? ['the violation recorder did not run']);
  for (const v of violations) problems.push(`Content-Security-Policy violation: ${v}`);
  await tab.close();

  if (problems.length === 0) {
    const rtl = m.attr === 'rtl' ? `, right to left (logo at x ${m.logo?.left}–${m.logo?.right} of ${m.width})` : '';
    console.log(`  ok   ${label}: axe ${axe.passes} rules pass, 0 violations${axe.incomplete.length ? ` (to review by hand: ${axe.incomplete.join(', ')})` : ''}; ${m.checked} boxes and ${m.styled} elements mirror${rtl}; ${keyboard}`);
  }
  for (const p of problems) fail(`${label}: ${p}`);
  return { page: page.rel, viewport: size, axe, mirror: m, keyboard, problems, screenshot: path.relative(out, shot) };
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const siteDir = path.resolve(o.site);
  const out = path.resolve(o.out);
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(path.join(out, 'screenshots'), { recursive: true });

  // What ran, in the report; and a Chromium the locked tools can drive,
  // or a clear stop before anything is blamed on the site.
  const ran = versions(chromePath);
  console.log(`${ran.chromium}; node ${ran.node}; playwright-core ${ran['playwright-core']}, lighthouse ${ran.lighthouse}, axe-core ${ran['axe-core']}, vnu-jar ${ran['vnu-jar']}`);
  const range = supportedRange();
  const wrongChromium = chromiumProblem(chromiumMajor(ran.chromium), range);
  if (wrongChromium) {
    fail(wrongChromium);
    fs.writeFileSync(path.join(out, 'results.json'), JSON.stringify({ versions: ran, chromiumRange: range, failures }, null, 2));
    process.exit(1);
  }

  const site = discover(siteDir);
  const rtl = site.languages.filter((l) => l.direction === 'rtl');
  console.log(`site ${site.base.href} version ${site.version}: ${site.languages.length} languages (${site.languages.map((l) => l.code + (l.direction === 'rtl' ? ' rtl' : '')).join(', ')}), ${site.pages.length} pages`);

  const server = await serve({ root: siteDir, netlifyToml: path.join(repo, 'netlify.toml'), host: site.host });
  // The site's host name goes to the local server; every other name fails
  // to resolve, so a request elsewhere is an error, never a leak.
  const resolverRules = `--host-resolver-rules=MAP ${site.base.hostname} 127.0.0.1:${server.port},MAP * ~NOTFOUND`;
  const results = { site: site.base.href, version: site.version, versions: ran, chromiumRange: range, pages: [], vnu: null, lighthouse: {} };
  const started = Date.now();
  try {
    console.log(`-- browser checks: ${site.pages.length} pages × ${viewports.length} viewports (axe tags ${axeTags.join(', ')})`);
    const browser = await chromium.launch({ executablePath: chromePath, args: [...chromeFlags, resolverRules] });
    try {
      for (const viewport of viewports) {
        const context = await browser.newContext({ viewport, deviceScaleFactor: 1, ignoreHTTPSErrors: true });
        await context.addInitScript(recordViolations);
        for (const page of site.pages) {
          results.pages.push(await checkPage(context, site, page, viewport, out));
        }
        await context.close();
      }
    } finally {
      await browser.close();
    }
    if (rtl.length === 0) console.log('  note no right-to-left language is published yet: the rtl checks ran only as mirror checks of the ltr pages');
    console.log(`   (${((Date.now() - started) / 1000).toFixed(0)} s)`);

    console.log('-- Nu Html Checker (vnu) over all HTML, CSS and SVG');
    const t = Date.now();
    const v = vnu(site);
    results.vnu = v;
    for (const w of v.warnings) console.log(`  note ${w}`);
    for (const e of v.errors) fail(`vnu: ${e}`);
    if (v.errors.length === 0) console.log(`  ok   ${v.files} files, 0 errors, ${v.warnings.length} warnings (${((Date.now() - t) / 1000).toFixed(0)} s)`);

    if (o.lighthouse) {
      console.log(`-- Lighthouse (mobile), categories ${categories.join(', ')}: each must be 100`);
      const targets = [];
      const english = site.languages.find((l) => l.code === 'en') ?? site.languages[0];
      targets.push(english);
      if (rtl.length > 0) targets.push(rtl[0]);
      else console.log('  note no right-to-left language (Arabic) is published yet: Lighthouse runs on English only');
      for (const lang of targets) {
        const page = home(site, lang.code);
        if (!page) {
          fail(`Lighthouse: ${lang.code} has no ${lang.code}/index.html`);
          continue;
        }
        results.lighthouse[lang.code] = await lighthouseRun(page, lang, resolverRules, out);
      }
    }
  } finally {
    await server.close();
  }
  fs.writeFileSync(path.join(out, 'results.json'), JSON.stringify(results, null, 2));
  console.log(`reports and screenshots: ${path.relative(process.cwd(), out) || out}`);
  if (failures.length > 0) {
    console.log(`browser suite: ${failures.length} problem(s)`);
    process.exit(1);
  }
  console.log('browser suite: all checks passed');
}

// lighthouseRun audits one page. A performance score depends on how busy
// the machine is (Lighthouse simulates a slow phone from the work it sees
// the page do), so a run below 100 in performance alone is tried up to
// twice more, and so is a run Lighthouse itself could not record (it says
// "Please run Lighthouse again", e.g. NO_NAVSTART on a busy machine);
// every run is logged. The other categories do not vary.
async function lighthouseRun(page, lang, resolverRules, out) {
  let best;
  for (let attempt = 1; attempt <= 3; attempt++) {
    const t = Date.now();
    const r = await audit(page.url, { chromePath, flags: [...chromeFlags, resolverRules], out: path.join(out, `lighthouse-${lang.code}.json`) });
    const line = categories.map((c) => `${c} ${r.scores[c]}`).join(', ');
    console.log(`  Lighthouse ${lang.code} (${page.url}) run ${attempt}: ${line}; FCP ${r.metrics.fcp}, LCP ${r.metrics.lcp}, TBT ${r.metrics.tbt}, CLS ${r.metrics.cls} (${((Date.now() - t) / 1000).toFixed(0)} s)`);
    for (const w of r.warnings) console.log(`  note Lighthouse: ${w}`);
    best = r;
    const others = categories.filter((c) => c !== 'performance').every((c) => r.scores[c] === 100);
    if (!r.runtimeError && (!others || r.scores.performance === 100)) break;
  }
  if (best.runtimeError) fail(`Lighthouse ${lang.code}: ${best.runtimeError}`);
  for (const c of categories) {
    if (best.scores[c] === 100) continue;
    const lost = best.lost.filter((l) => l.category === c);
    const unwaived = lost.filter((l) => !waiverFor(lang.code, l));
    for (const l of lost) {
      const w = waiverFor(lang.code, l);
      console.log(`       ${w ? 'waived' : 'lost  '} ${c}: ${l.id} (${l.score}) ${l.title}${l.displayValue ? ' — ' + l.displayValue : ''}${l.items.length ? ': ' + l.items.join(', ') : ''}`);
      if (w) console.log(`              why: ${w.why}`);
    }
    if (unwaived.length > 0 || lost.length === 0) fail(`Lighthouse ${lang.code}: ${c} ${best.scores[c]}, want 100`);
    else console.log(`  note Lighthouse ${lang.code}: ${c} ${best.scores[c]}, below 100 only by the waived audits above (tools/browser/waivers.json)`);
  }
  // A waiver outlives its reason: say so, so that it is removed and the
  // gate is whole again.
  for (const w of waivers.lighthouse.filter((w) => w.language === lang.code)) {
    if (!best.lost.some((l) => l.id === w.audit)) fail(`Lighthouse ${lang.code}: ${w.audit} passes now; delete its waiver from tools/browser/waivers.json`);
  }
  return best;
}

// Lighthouse findings a person has accepted for now, each with its reason:
// tools/browser/waivers.json. A waiver covers one audit on one language's
// page, and only the addresses it lists: a new finding fails.
const waivers = JSON.parse(fs.readFileSync(path.join(here, 'waivers.json'), 'utf8'));
function waiverFor(code, lost) {
  return waivers.lighthouse.find((w) => w.language === code && w.audit === lost.id &&
    lost.items.length > 0 && lost.items.every((i) => w.items.includes(i)));
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
