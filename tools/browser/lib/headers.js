// The response headers the CDN sends: netlify.toml's [[headers]] and the
// _headers file the build writes into the output, merged as Netlify merges
// them (every matching rule applies; _headers first, then netlify.toml; a
// later value of a header replaces an earlier one). The same rules are in
// internal/build/observatory_test.go, which grades them.

import { parse as parseToml } from 'smol-toml';

// parseHeadersFile reads Netlify's _headers format: a path on its own
// line, then indented "Name: value" lines; # starts a comment.
export function parseHeadersFile(text) {
  const rules = [];
  text.split('\n').forEach((line, i) => {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    if (!/^\s/.test(line)) {
      rules.push({ for: trimmed, values: [] });
      return;
    }
    const colon = trimmed.indexOf(':');
    if (colon < 0 || rules.length === 0) {
      throw new Error(`_headers:${i + 1}: ${JSON.stringify(line)} is neither a path nor a header`);
    }
    rules.at(-1).values.push([trimmed.slice(0, colon).trim(), trimmed.slice(colon + 1).trim()]);
  });
  return rules;
}

// netlifyConfig reads what the local server emulates of netlify.toml: the
// header rules and the 404 redirects.
export function netlifyConfig(text) {
  const cfg = parseToml(text);
  return {
    headers: (cfg.headers ?? []).map((h) => ({ for: h.for, values: Object.entries(h.values ?? {}) })),
    notFound: (cfg.redirects ?? []).filter((r) => r.status === 404).map((r) => ({ from: r.from, to: r.to })),
  };
}

// pattern turns a Netlify path (/*, /a/*, /:lang/x) into a RegExp.
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
    if (!pattern(r.for).test(path)) continue;
    for (const [name, value] of r.values) {
      out.set(name.toLowerCase(), [name, value]);
    }
  }
  return Object.fromEntries([...out.values()]);
}
