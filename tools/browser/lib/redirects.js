// The 404 rules of the _redirects file the build writes (each language's
// missing pages get that language's 404 page), for the local server. Only
// the rules the server emulates are read: the Accept-Language redirects
// from the root are left to the Go tests (internal/build/redirects_test.go),
// since the browser suite always asks for pages by their address.

// notFoundRules returns [{ from, to }] for every rule with status 404,
// in the file's order (the first that matches wins).
export function notFoundRules(text) {
  const rules = [];
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f[0] === '' || f[0].startsWith('#') || f.length < 3) continue;
    if (f[2].replace(/!$/, '') === '404') rules.push({ from: f[0], to: f[1] });
  }
  return rules;
}
