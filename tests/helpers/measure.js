// What a reader would see as broken on the page: see tests/test_screens.py. Run with
// execute_script; returns [problems (one line each), counts of what was measured].
const problems = [];
const seen = {words: 0, cells: 0, svgTexts: 0, scrollBoxes: 0};
const say = (what, el, text) => {
  const where = el ? el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\s+/).join('.') : '') : '';
  problems.push(what + (where ? ' in ' + where : '') + (text ? ': "' + text.slice(0, 60) + '"' : ''));
};
const html = document.documentElement;
const vw = html.clientWidth;
const column = document.querySelector('main') || document.body;
const cs0 = getComputedStyle(column);
const lineWidth = column.clientWidth - parseFloat(cs0.paddingLeft) - parseFloat(cs0.paddingRight);
const visible = el => el.checkVisibility({visibilityProperty: true, opacityProperty: false});
const skipped = el => el.closest('svg, .visually-hidden, .skip, script, style, title, noscript');
const scrollBox = el => {
  for (let e = el.parentElement; e; e = e.parentElement) {
    const ox = getComputedStyle(e).overflowX;
    if (ox === 'auto' || ox === 'scroll') return e;
  }
  return null;
};
const blockOf = el => {
  for (let e = el; e; e = e.parentElement) {
    if (!getComputedStyle(e).display.startsWith('inline')) return e;
  }
  return column;
};
const tableOf = cell => {
  const t = cell.closest('table');
  return t && getComputedStyle(t).display === 'table' && getComputedStyle(cell).display === 'table-cell';
};

function measure(root) {
  const range = document.createRange();
  const longest = new Map();   // cell -> [width, word]
  const lines = [];            // [left, top, right, bottom, node index, text, element]
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let index = 0;
  for (let node; (node = walker.nextNode()); index++) {
    const el = node.parentElement;
    if (!el || skipped(el) || !visible(el) || !node.data.trim()) continue;
    const cell = el.closest('td, th');
    const inTable = cell && tableOf(cell);
    // words: split at white space, after a hyphen ("build-versus-buy", "0.99-1.00") and between
    // brackets (")(" in "Art. 9(1)(g)"), where the browser may break a line; a path or a URL is
    // one word
    const words = /[^\s\u00ad]*?(?:[-\u2010](?=\S)|[)\]](?=[(\[]))|[^\s\u00ad]+?(?=\s|\u00ad|$)/gu;
    for (const m of node.data.matchAll(words)) {
      const word = m[0];
      if (word.length < 2) continue;
      range.setStart(node, m.index);
      range.setEnd(node, m.index + word.length);
      const rects = Array.from(range.getClientRects()).filter(r => r.width > 0.5);
      if (!rects.length) continue;
      seen.words++;
      const width = rects.reduce((sum, r) => sum + r.width, 0);
      const tops = new Set(rects.map(r => Math.round(r.top / 3)));
      // a word wider than its line may break, where that line is not squeezed: no narrower
      // than the page's column of text less 3rem (the indent of a card, a stacked row)
      if (tops.size > 1) {
        const box = blockOf(el);
        const room = box.clientWidth - parseFloat(getComputedStyle(box).paddingLeft)
          - parseFloat(getComputedStyle(box).paddingRight);
        if (width <= room + 1 || room < lineWidth - 48) {
          say('word broken inside (' + Math.round(width) + ' px, line ' + Math.round(room)
            + ' px, column ' + Math.round(lineWidth) + ' px)', el, word);
        }
      }
      if (inTable) {
        const before = longest.get(cell);
        if (!before || before[0] < width) longest.set(cell, [width, word]);
      }
    }
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) {
      if (r.width > 0.5 && r.height > 0.5) lines.push([r.left, r.top, r.right, r.bottom, index, node.data.trim(), el]);
    }
  }
  // columns at least as wide as their longest word; text inside its cell
  for (const [cell, [width, word]] of longest) {
    seen.cells++;
    const c = getComputedStyle(cell);
    const inner = cell.clientWidth - parseFloat(c.paddingLeft) - parseFloat(c.paddingRight);
    if (width > inner + 1) say('column narrower (' + Math.round(inner) + ' px) than its longest word (' + Math.round(width) + ' px)', cell, word);
  }
  for (const [l, t, r, b, , text, el] of lines) {
    const cell = el.closest('td, th');
    if (cell && tableOf(cell)) {
      const box = cell.getBoundingClientRect();
      if (r > box.right + 1 || l < box.left - 1) say('text sticks out of its cell', cell, text);
    }
  }
  // no two texts overlap
  lines.sort((a, b) => a[1] - b[1]);
  for (let i = 0; i < lines.length; i++) {
    const a = lines[i];
    for (let j = i + 1; j < lines.length && lines[j][1] < a[3] - 1; j++) {
      const b = lines[j];
      if (a[4] === b[4]) continue;
      const dx = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
      const dy = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
      if (dx > 1 && dy > 1) say('texts overlap: "' + a[5].slice(0, 30) + '" and', b[6], b[5]);
    }
  }
  // pictures: text at least 11 px as displayed, nothing cut
  for (const svg of root.querySelectorAll('svg')) {
    let smallest = null, small = 0;
    for (const t of svg.querySelectorAll('text')) {
      if (!visible(t) || !t.textContent.trim()) continue;
      seen.svgTexts++;
      const m = t.getScreenCTM();
      const size = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
      if (size < 10.95) {
        small++;
        if (!smallest || size < smallest[0]) smallest = [size, t.textContent.trim()];
      }
      if (/(\u2026|\.\.\.)$/.test(t.textContent.trim())) say('text in a picture cut', svg, t.textContent.trim());
    }
    if (smallest) say(small + ' texts in a picture below 11 px, the smallest ' + smallest[0].toFixed(1) + ' px', svg, smallest[1]);
    // no two texts of a picture overlap (a legend's labels in a longer language)
    const boxes = Array.from(svg.querySelectorAll('text'))
      .filter(t => visible(t) && t.textContent.trim())
      .map(t => [t.getBoundingClientRect(), t.textContent.trim()]);
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, at] = boxes[i], [b, bt] = boxes[j];
        const dx = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const dy = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (dx > 1 && dy > 2) say('texts overlap in a picture: "' + at.slice(0, 30) + '" and', svg, bt);
      }
    }
  }
  // sideways scrolling only in a box made for it; nothing cut, nothing out of the window
  for (const el of root.querySelectorAll('*')) {
    if (el.closest('svg') && el.tagName.toLowerCase() !== 'svg') continue;
    if (skipped(el) && el.tagName.toLowerCase() !== 'svg') continue;
    const c = getComputedStyle(el);
    if (c.display === 'none') continue;
    const wide = el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0;
    if (c.overflowX === 'auto' || c.overflowX === 'scroll') {
      if (!wide) continue;
      seen.scrollBoxes++;
      const named = el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
      if (el.tabIndex !== 0 || el.getAttribute('role') !== 'region' || !named) {
        say('scrolls sideways in a box not made for it (' + el.scrollWidth + ' > ' + el.clientWidth + ')', el);
      }
    } else if (c.overflowX !== 'visible' && wide) {
      say('cut at the side (' + el.scrollWidth + ' > ' + el.clientWidth + ')', el);
    }
    const r = el.getBoundingClientRect();
    if ((r.right > vw + 0.5 || r.left < -0.5) && r.width > 0 && !scrollBox(el)) {
      say('sticks out of the window (' + Math.round(r.left) + '..' + Math.round(r.right) + ')', el);
    }
  }
}

if (html.scrollWidth > vw) problems.push('the page scrolls sideways: ' + html.scrollWidth + ' > ' + vw);
measure(document.body);
// every pay zone of a zone switch, one after the other
for (const input of Array.from(document.querySelectorAll('.zone-switch > input')).slice(1)) {
  input.click();
  const panel = document.getElementById(input.getAttribute('aria-controls'))
    || Array.from(input.parentElement.querySelectorAll('.zone-panel')).find(visible);
  if (panel) measure(panel);
}
const first = document.querySelector('.zone-switch > input');
if (first) first.click();
return [Array.from(new Set(problems)), seen];
