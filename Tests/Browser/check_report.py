"""Checks report.html in headless Chromium at a desktop and a phone width.

Usage: check_report.py --screenshots DIR OUTPUT_DIR...

Each OUTPUT_DIR is a `prognos run` output (report.html beside report.md). For each, at
1400 px and 390 px wide, the page must have:
  - no element wider than the page, except inside a scrollable table container
    (`.table-wrap`, whose own box must fit);
  - no overlap between two text boxes of one chart (titles, axis labels, tick labels,
    legend entries), no data line drawn through a text box, and no chart text under
    8 px high (about a 6 px font) at the size the chart is shown;
  - every chart loaded, with a size;
  - the text of every table of report.md on the page.
A full-page screenshot of each is saved in DIR. Exit status 1 on any failure, with each
failure named (report, width, what, where).
"""
import argparse
import pathlib
import re
import sys
import unicodedata

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

WIDTHS = [1400, 390]

LAYOUT_JS = r"""
const width = document.documentElement.clientWidth;
const problems = [];
const describe = (el) => {
  const fig = el.closest('figure');
  const where = fig ? fig.getAttribute('data-chart') : (el.closest('h2,h3,table,p') || el).tagName;
  return el.tagName + ' in ' + where + ': ' + (el.textContent || '').trim().slice(0, 60);
};
// Overflow: every box inside the page width, except inside a scrollable table container.
for (const el of document.body.querySelectorAll('*')) {
  if (el.closest('svg') && el.tagName.toLowerCase() !== 'svg') continue;
  const wrap = el.closest('.table-wrap');
  if (wrap && wrap !== el) continue;
  const r = el.getBoundingClientRect();
  if (r.width === 0 && r.height === 0) continue;
  if (r.right > width + 1 || r.left < -1) {
    problems.push(['overflow', describe(el), Math.round(r.left) + '..' + Math.round(r.right) + ' of ' + width]);
  }
}
for (const wrap of document.querySelectorAll('.table-wrap')) {
  const style = getComputedStyle(wrap);
  if (style.overflowX !== 'auto' && style.overflowX !== 'scroll') problems.push(['overflow', 'a table container that does not scroll', '']);
}
// Charts: loaded, with a size.
const figures = document.querySelectorAll('figure[data-chart]');
for (const fig of figures) {
  const svg = fig.querySelector('svg');
  const r = svg ? svg.getBoundingClientRect() : null;
  if (!svg || r.width < 50 || r.height < 50) problems.push(['chart', fig.getAttribute('data-chart'), 'not loaded or without size']);
}
// Text boxes of a chart: no two overlap, and no data line runs through one.
const inset = (r) => ({left: r.left + 1, right: r.right - 1, top: r.top + 1, bottom: r.bottom - 1});
const overlap = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0;
for (const fig of figures) {
  const svg = fig.querySelector('svg');
  if (!svg) continue;
  const texts = [...svg.querySelectorAll('text')].filter(t => t.textContent.trim() !== '')
    .map(t => ({el: t, box: inset(t.getBoundingClientRect())}))
    .filter(t => t.box.right > t.box.left && t.box.bottom > t.box.top);
  // Readable at the size shown: a text box under 8 px high is about a 6 px font.
  // The height of the text's own box (rotated labels included) times the scale it is shown at.
  for (const t of texts) {
    const m = t.el.getScreenCTM();
    const height = t.el.getBBox().height * (m ? Math.hypot(m.a, m.b) : 1);
    if (height < 8) { problems.push(['too small', fig.getAttribute('data-chart'), JSON.stringify(t.el.textContent.trim()) + ' is ' + height.toFixed(1) + ' px high']); break; }
  }
  for (let i = 0; i < texts.length; i++) {
    for (let j = i + 1; j < texts.length; j++) {
      if (overlap(texts[i].box, texts[j].box)) {
        problems.push(['overlap', fig.getAttribute('data-chart'),
          JSON.stringify(texts[i].el.textContent.trim()) + ' and ' + JSON.stringify(texts[j].el.textContent.trim())]);
      }
    }
  }
  // Data: the paths of gnuplot's plots, sampled along their length in screen coordinates.
  for (const path of svg.querySelectorAll('g[id^="gnuplot_plot"] path')) {
    const matrix = path.getScreenCTM();
    if (!matrix || !path.getTotalLength) continue;
    const length = path.getTotalLength();
    const steps = Math.min(400, Math.max(2, Math.ceil(length / 2)));
    let hit = null;
    for (let k = 0; k <= steps && !hit; k++) {
      const p = path.getPointAtLength(length * k / steps);
      const x = matrix.a * p.x + matrix.c * p.y + matrix.e, y = matrix.b * p.x + matrix.d * p.y + matrix.f;
      for (const t of texts) {
        if (x > t.box.left && x < t.box.right && y > t.box.top && y < t.box.bottom) { hit = t; break; }
      }
    }
    if (hit) problems.push(['covers data', fig.getAttribute('data-chart'), 'a line runs through ' + JSON.stringify(hit.el.textContent.trim())]);
  }
}
// The page's text as rendered: innerText, and the text CSS puts before table cells
// (a phone shows each row as "column: value" lines).
let before = [];
for (const td of document.querySelectorAll('td')) {
  const content = getComputedStyle(td, '::before').content;
  if (content && content !== 'none' && content !== 'normal') before.push(content.replace(/^"|"$/g, ''));
}
return {problems: problems, figures: figures.length, text: document.body.innerText + '\n' + before.join('\n'), height: document.documentElement.scrollHeight};
"""

EMOJI = ["🟢", "🟩", "🟡", "🔴", "⚪", "⚫"]


def normalise(text):
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ").replace("\u202f", " ")
    return re.sub(r"\s+", " ", text).strip()


def markdown_cells(markdown):
    """The text of every cell of every table of report.md, unescaped."""
    cells = []
    for line in markdown.splitlines():
        if not line.startswith("| ") or line.startswith("|---"):
            continue
        for cell in line[2:-2].split(" | "):
            text = re.sub(r"\\(.)", r"\1", cell).replace("**", "")
            for emoji in EMOJI:
                text = text.replace(emoji + " ", "")
            cells.append(normalise(text))
    return cells


def driver():
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--force-device-scale-factor=1"]:
        options.add_argument(argument)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--screenshots", required=True)
    parser.add_argument("outputs", nargs="+")
    args = parser.parse_args()
    shots = pathlib.Path(args.screenshots)
    shots.mkdir(parents=True, exist_ok=True)
    failures = 0
    browser = driver()
    try:
        for output in map(pathlib.Path, args.outputs):
            name = output.name
            cells = [c for c in markdown_cells((output / "report.md").read_text(encoding="utf-8")) if c]
            for width in WIDTHS:
                browser.set_window_size(width, 900)
                browser.get((output / "report.html").resolve().as_uri())
                # The viewport's inner width is the window's minus nothing in headless mode;
                # make it exact so that 390 px means a phone's CSS width.
                inner = browser.execute_script("return window.innerWidth")
                if inner != width:
                    browser.set_window_size(2 * width - inner, 900)
                result = browser.execute_script(LAYOUT_JS)
                page = normalise(result["text"])
                problems = [tuple(p) for p in result["problems"]]
                missing = sorted({c for c in cells if c not in page})
                problems += [("table text missing", c, "") for c in missing]
                if result["figures"] == 0:
                    problems.append(("chart", "no charts on the page", ""))
                browser.set_window_size(browser.get_window_size()["width"], min(result["height"] + 100, 30000))
                browser.save_screenshot(str(shots / f"{name}-{width}.png"))
                for kind, where, detail in problems:
                    print(f"browser: {name} at {width} px: {kind}: {where} {detail}".rstrip())
                failures += len(problems)
                print(f"browser: {name} at {width} px: {result['figures']} charts, {len(cells)} table cells, "
                      f"{len(problems)} problems", file=sys.stderr)
    finally:
        browser.quit()
    print(f"browser: screenshots in {shots}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
