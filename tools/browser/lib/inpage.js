// Functions the suite runs inside a page (page.evaluate sends their
// source, so each stands alone: no imports, no outside variables).

// mirror checks that the page's layout is the mirror image of itself laid
// out in the other direction:
//   - every block-level box keeps its width, and its left edge in one
//     direction is the viewport's width less its right edge in the other
//     (inline boxes are left out: within a line, the bidi algorithm orders
//     runs of text by their own direction);
//   - every element's left and right margins, paddings and borders swap
//     (a border-left stays on the left; border-inline-start moves);
//   - no text is aligned to a physical side (text-align: left or right).
// Logical properties (margin-inline-start, inset-inline-start,
// text-align: start) pass; physical ones (margin-left, float: right,
// left: 0) show up as a box or a side that does not move.
export function mirror() {
  const describe = (el) => {
    let s = '<' + el.tagName.toLowerCase();
    if (el.id) s += '#' + el.id;
    if (typeof el.className === 'string' && el.className.trim()) s += '.' + el.className.trim().split(/\s+/).join('.');
    return s + '>';
  };
  const root = document.documentElement;
  const dir = getComputedStyle(root).direction;
  const blockish = /^(block|flex|grid|list-item|table|flow-root)$/;
  const elements = [...document.body.querySelectorAll('*')].filter((el) => {
    // An element inside one with its own dir keeps that direction when
    // the page flips; an SVG's drawing is an image, not a layout.
    const owner = el.parentElement && el.parentElement.closest('[dir]');
    if (owner && owner !== root) return false;
    if (el.closest('svg') && el.tagName.toLowerCase() !== 'svg') return false;
    return getComputedStyle(el).display !== 'none';
  });
  const boxes = elements.filter((el) => {
    const parent = el.parentElement && getComputedStyle(el.parentElement).display;
    return blockish.test(getComputedStyle(el).display) || /flex|grid/.test(parent || '');
  });
  const pairs = [['marginLeft', 'marginRight'], ['paddingLeft', 'paddingRight'],
    ['borderLeftWidth', 'borderRightWidth'], ['borderLeftStyle', 'borderRightStyle'], ['borderLeftColor', 'borderRightColor']];
  const measure = () => ({
    rects: boxes.map((el) => el.getBoundingClientRect()).map((r) => ({ left: r.left, right: r.right, width: r.width })),
    styles: elements.map((el) => {
      const cs = getComputedStyle(el);
      const out = { textAlign: cs.textAlign };
      for (const [l, r] of pairs) { out[l] = cs[l]; out[r] = cs[r]; }
      return out;
    }),
  });
  const width = root.clientWidth;
  const before = measure();
  const attr = root.getAttribute('dir');
  root.setAttribute('dir', dir === 'rtl' ? 'ltr' : 'rtl');
  const flipped = measure();
  if (attr === null) root.removeAttribute('dir'); else root.setAttribute('dir', attr);

  const broken = [];
  let asymmetric = 0;
  boxes.forEach((el, i) => {
    const a = before.rects[i];
    const b = flipped.rects[i];
    if (a.width === 0) return;
    if (Math.abs(a.left - (width - b.right)) > 1 || Math.abs(a.width - b.width) > 1) {
      broken.push(`${describe(el)}: left ${a.left.toFixed(1)}, width ${a.width.toFixed(1)} (${dir}); in the other direction its mirrored left is ${(width - b.right).toFixed(1)}, width ${b.width.toFixed(1)}`);
    }
    if (Math.abs(a.left - b.left) > 1) asymmetric++;
  });
  // The properties that cause a broken box are named first.
  const causes = [];
  const kebab = (p) => p.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
  elements.forEach((el, i) => {
    const a = before.styles[i];
    const b = flipped.styles[i];
    for (const [l, r] of pairs) {
      if (a[l] !== b[r] || a[r] !== b[l]) {
        causes.push(`${describe(el)}: ${kebab(l)} ${a[l]}, ${kebab(r)} ${a[r]} in both directions (a physical side; use the -inline-start/-end property)`);
      }
    }
    if ((a.textAlign === 'left' || a.textAlign === 'right') && el.textContent.trim()) {
      causes.push(`${describe(el)}: text-align ${a.textAlign} (use start or end)`);
    }
  });
  const logo = document.querySelector('svg');
  const logoBox = logo ? logo.getBoundingClientRect() : null;
  return {
    dir,
    attr,
    bodyDirection: getComputedStyle(document.body).direction,
    checked: boxes.length,
    styled: elements.length,
    asymmetric,
    broken: [...causes, ...broken],
    width,
    logo: logoBox && { left: Math.round(logoBox.left), right: Math.round(logoBox.right) },
  };
}

// foreignText checks text in another language than the page's (English
// shown on an Arabic page while its translation is pending, a language's
// name in the switcher): each such element carries its own dir, and is
// laid out in that direction, so that English on a right-to-left page
// reads left to right with its full stop at its end. It returns the
// elements checked and what is wrong.
export function foreignText() {
  const primary = (tag) => (tag || '').toLowerCase().split('-')[0];
  const page = primary(document.documentElement.getAttribute('lang'));
  const problems = [];
  let checked = 0;
  for (const el of document.body.querySelectorAll('[lang]')) {
    if (primary(el.getAttribute('lang')) === page) continue;
    checked++;
    let s = '<' + el.tagName.toLowerCase() + ' lang="' + el.getAttribute('lang') + '"';
    const dir = el.getAttribute('dir');
    if (dir) s += ' dir="' + dir + '"';
    s += '>' + ' "' + (el.textContent || '').trim().slice(0, 40) + '"';
    if (dir !== 'ltr' && dir !== 'rtl') {
      problems.push(s + ': text in another language than the page has no dir of its own');
      continue;
    }
    const computed = getComputedStyle(el).direction;
    if (computed !== dir) problems.push(s + ': laid out ' + computed + ', not ' + dir);
  }
  return { checked, problems };
}

// keyboard state: what has focus, and where it is against <main>.
export function focusState() {
  const el = document.activeElement;
  const main = document.querySelector('main');
  const describe = (el) => {
    if (!el || el === document.body) return el ? '<body>' : '(nothing)';
    let s = '<' + el.tagName.toLowerCase();
    if (el.id) s += '#' + el.id;
    if (typeof el.className === 'string' && el.className.trim()) s += '.' + el.className.trim().split(/\s+/).join('.');
    s += '>';
    const text = (el.textContent || '').trim().replace(/\s+/g, ' ');
    if (text) s += ' "' + text.slice(0, 40) + (text.length > 40 ? '…' : '') + '"';
    return s;
  };
  let where = 'none';
  if (main && el && el !== document.body) {
    if (el === main || main.contains(el)) where = 'main';
    else if (main.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) where = 'after';
    else where = 'before';
  }
  const r = el && el !== document.body ? el.getBoundingClientRect() : null;
  const visible = !!r && r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0 &&
    r.bottom <= window.innerHeight && r.right <= window.innerWidth;
  return {
    element: describe(el),
    where,
    href: el && el.getAttribute ? el.getAttribute('href') : null,
    mainId: main ? main.id : null,
    visible,
    hash: location.hash,
  };
}

// cspViolations is installed before any page script: it records every
// report of a Content-Security-Policy violation.
export function recordViolations() {
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'}${e.sample ? ': ' + e.sample : ''}`);
  });
}
