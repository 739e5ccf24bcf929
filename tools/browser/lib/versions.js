// The versions a run of the suite used, for its report, and the check
// that Debian's Chromium is one the locked tools can drive: Debian's
// security archive moves Chromium on its own schedule (150 one week, 156
// the next), independently of package-lock.json.
//
// The range: the newest major is the Chromium that the locked
// playwright-core was built and released with (its browsers.json); the
// oldest is package.json's "chromium.oldest", the oldest major the suite
// has passed on with these tools (see "chromium.why" there). Playwright
// and Lighthouse speak the DevTools protocol, which changes with each
// major; outside the range a failure would be about the tools, not the
// site.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

// chromiumMajor reads the major version from `chromium --version`
// ("Chromium 150.0.7871.100 built on Debian GNU/Linux 12 (bookworm)").
export function chromiumMajor(versionLine) {
  const m = /\b(\d+)\.\d+\.\d+\.\d+\b/.exec(versionLine);
  return m ? Number(m[1]) : null;
}

// chromiumProblem says why a Chromium major is outside [oldest, newest],
// or returns null when it is inside.
export function chromiumProblem(major, { oldest, newest, playwright }) {
  if (major === null) return 'could not read Chromium\'s version';
  if (major > newest) {
    return `Chromium ${major} is newer than ${newest}, the Chromium of the locked playwright-core ${playwright}: ` +
      'update tools/browser (npm install playwright-core@latest lighthouse@latest, or merge Dependabot\'s browser-suite pull request), ' +
      'then run the suite again';
  }
  if (major < oldest) {
    return `Chromium ${major} is older than ${oldest}, the oldest the suite has passed on with these tools (tools/browser/package.json, chromium.oldest): ` +
      'upgrade Debian\'s chromium package (apt-get install chromium from bookworm-security)';
  }
  return null;
}

// supportedRange is the range above, from the installed (locked) packages.
export function supportedRange() {
  const pkg = JSON.parse(fs.readFileSync(path.join(here, '..', 'package.json'), 'utf8'));
  const browsers = installed('playwright-core', 'browsers.json').browsers;
  const bundled = browsers.find((b) => b.name === 'chromium');
  return {
    oldest: pkg.chromium.oldest,
    newest: Number(bundled.browserVersion.split('.')[0]),
    playwright: packageVersion('playwright-core'),
  };
}

// installed reads a JSON file of an installed package (read from
// node_modules: packages' "exports" hide these files from require).
function installed(name, file) {
  return JSON.parse(fs.readFileSync(path.join(here, '..', 'node_modules', name, file), 'utf8'));
}

function packageVersion(name) {
  return installed(name, 'package.json').version;
}

// versions is what ran: Chromium, Node and the suite's packages.
export function versions(chromePath) {
  const chromium = execFileSync(chromePath, ['--version'], { encoding: 'utf8' }).trim();
  const tools = Object.fromEntries(['playwright-core', 'lighthouse', 'axe-core', 'chrome-launcher', 'vnu-jar'].map((n) => [n, packageVersion(n)]));
  return { chromium, node: process.version, ...tools };
}
