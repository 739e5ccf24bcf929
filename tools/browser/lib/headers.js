// The response headers the CDN sends: netlify.toml's [[headers]] and the
// _headers file the build writes into the output, merged as Netlify merges
// them (every matching rule applies; _headers first, then netlify.toml; a
// later value of a header replaces an earlier one). The rules are read by
// Go (internal/output/cdn, printed by tools/netlifyheaders), which the Go
// tests grade; only the merge for one path is here.

import { execFileSync } from 'node:child_process';

import { parse as parseToml } from 'smol-toml';

// headerRules reads the rules as tools/netlifyheaders prints them (JSON:
// for, match, values, in the order Netlify applies them), from the Go
// package that also grades them (internal/output/cdn): the suite does not
// parse _headers or netlify.toml's [[headers]] itself.
export function headerRules(json) {
  return JSON.parse(json).map((r) => ({ for: r.for, match: new RegExp(r.match), values: r.values }));
}

// loadHeaderRules runs tools/netlifyheaders on the built site in root.
export function loadHeaderRules({ repo, root, netlifyToml }) {
  return headerRules(execFileSync('go', ['run', './tools/netlifyheaders', '-config', netlifyToml, root], { cwd: repo, encoding: 'utf8' }));
}

// netlifyConfig reads the 404 redirects of netlify.toml, which the local
// server emulates (the header rules come from headerRules).
export function netlifyConfig(text) {
  const cfg = parseToml(text);
  return {
    notFound: (cfg.redirects ?? []).filter((r) => r.status === 404).map((r) => ({ from: r.from, to: r.to })),
  };
}

// pattern turns a Netlify path (/*, /a/*, /:lang/x) into a RegExp, for
// the redirects (the header rules come with theirs, from Go's
// cdn.Pattern).
export function pattern(p) {
  const parts = p.split('/').map((seg) => {
    if (seg === '*') return '.*';
    if (seg.startsWith(':')) return '[^/]+';
    return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  });
  return new RegExp('^' + parts.join('/') + '/?$');
}

// headersFor returns the headers for a URL path, names as written.
export function headersFor(path, rules) {
  const out = new Map();
  for (const r of rules) {
    if (!r.match.test(path)) continue;
    for (const [name, value] of r.values) {
      out.set(name.toLowerCase(), [name, value]);
    }
  }
  return Object.fromEntries([...out.values()]);
}
