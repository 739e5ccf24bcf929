// What the suite checks, discovered from the built output and never from a
// list kept here: the published languages and every file from version.json
// (the build's manifest), the site's address from the root page's
// canonical link.

import fs from 'node:fs';
import path from 'node:path';

export function discover(root) {
  const manifestPath = path.join(root, 'version.json');
  if (!fs.existsSync(manifestPath)) {
    throw new Error(`${manifestPath} is missing: build the site first (go run ./cmd/statement build)`);
  }
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
  const languages = manifest.languages ?? [];
  if (languages.length === 0) throw new Error('version.json lists no language');

  const rootPage = fs.readFileSync(path.join(root, 'index.html'), 'utf8');
  const canonical = /<link[^>]*rel="?canonical"?[^>]*href="?([^"\s>]+)/.exec(rootPage)
    ?? /<link[^>]*href="?([^"\s>]+)"?[^>]*rel="?canonical/.exec(rootPage);
  if (!canonical) throw new Error('index.html has no canonical link to take the site address from');
  const base = new URL(canonical[1]);

  const html = manifest.files.map((f) => f.path).filter((p) => p.endsWith('.html')).sort();
  const pages = html.map((rel) => {
    const urlPath = '/' + rel.replace(/(^|\/)index\.html$/, '$1');
    const lang = languages.find((l) => rel.startsWith(l.code + '/'));
    return { rel, url: new URL(urlPath.slice(1), base).href, path: new URL(urlPath.slice(1), base).pathname, lang: lang?.code ?? '' };
  });
  const css = manifest.files.map((f) => f.path).filter((p) => p.endsWith('.css'));
  const svg = manifest.files.map((f) => f.path).filter((p) => p.endsWith('.svg'));
  return { root, base, host: base.host, version: manifest.version, languages, pages, css, svg };
}

// home is a language's statement page.
export function home(site, code) {
  return site.pages.find((p) => p.rel === `${code}/index.html`);
}
