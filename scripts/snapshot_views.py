"""Snapshots of every view of the app, to prove that a refactor changed no address, figure or text.

Take a snapshot of a running server (start it yourself, e.g. `.venv/bin/python -m streamlit run app.py --server.port 8611`):

    .venv/bin/python scripts/snapshot_views.py --url http://127.0.0.1:8611 --out /tmp/snap/before

For every view it writes `<name>.png` (the whole page; for the kiosk and the presenter the screen) and `<name>.txt`
(the address asked for and the one the browser ended on, the page title, the visible text, the links of the main
area sorted); `manifest.json` says what was captured, how and what went wrong. Views: the six pages in Chinese and
English at 1920×1080 and 390×844, the selected views (one indicator, project, district, chapters) at 1920×1080, every
slide of the presenter in zh, en and both, the kiosk's first screen at 1080p and 4K. It also writes the PowerPoint
decks with `scripts/make_deck.py` (of `--project`, the checkout being snapshotted) into `deck/` and their text,
slide by slide and shape by shape, into `deck-zh.txt` and `deck-en.txt`.

Compare two snapshots (always exits 0; differences are printed, and pictures of them written to AFTER/diff/):

    .venv/bin/python scripts/snapshot_views.py --compare /tmp/snap/before /tmp/snap/after
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import fnmatch
import hashlib
import json
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PAGES = ["", "zhungeer", "indicators", "projects", "map", "about"]
SELECTED = [("indicators", "indicator", "17"), ("projects", "project", "21"), ("map", "district", "150622"),
            ("zhungeer", "chapter", "2"), ("zhungeer", "chapter", "4")]  # fmt: skip
DESKTOP, PHONE, UHD = (1920, 1080), (390, 844), (3840, 2160)
LANGS = ["zh", "en"]
DECK_LANGS = ["zh", "en", "both"]
MAX_HEIGHT = 12_000  # as tests/test_browser.py: a full page is at most this tall
TEXT_SUFFIXES = (".txt", ".csv", ".svg")
DIFF_LINES = 200  # lines of a unified diff printed per file (the whole diff goes to AFTER/diff/)

# The page's tallest scroll height: Streamlit scrolls inside its own container, not the document.
TALLEST = "Math.max(...[...document.querySelectorAll('*')].map(e => e.scrollHeight))"
LINKS = """(base) => [...document.querySelectorAll('[data-testid="stMain"] a[href]')]
  .map(a => a.getAttribute('href')).map(h => h.startsWith(base) ? '{base}' + h.slice(base.length) : h).sort()"""
MAIN_TEXT = """() => document.querySelector('[data-testid="stMain"]').innerText"""
# Fonts loaded and every picture decoded (slides and cards carry images), bounded in time.
SETTLED = """() => Promise.race([
  new Promise(r => setTimeout(() => r(false), 10000)),
  document.fonts.ready.then(() => Promise.all([...document.images].filter(i => !i.complete)
    .map(i => new Promise(r => { i.addEventListener('load', r); i.addEventListener('error', r); })))).then(() => true)])"""
DRAWN = """() => ({charts: document.querySelectorAll('.vega-embed svg, .vega-embed canvas').length,
  maps: document.querySelectorAll('[data-testid="stDeckGlJsonChart"] canvas').length,
  exceptions: document.querySelectorAll('[data-testid="stException"]').length})"""
SLIDE = """() => {
  const root = document.getElementById('ordos-deck'), on = root.querySelector('.od-slide.on');
  const downloads = document.querySelector('.st-key-deck-downloads');
  return {index: +root.dataset.index, advances: +root.dataset.advances, slides: root.querySelectorAll('.od-slide').length,
          key: on.dataset.key, count: root.querySelector('.od-count').textContent, text: on.innerText,
          downloads: downloads && downloads.getClientRects().length && getComputedStyle(downloads).visibility !== 'hidden'
                     ? downloads.innerText : null};
}"""


@dataclass
class View:
    """One address at one window size: what to open and the file names to write."""

    name: str
    path: str  # path and query, e.g. /indicators?indicator=17&lang=en
    size: tuple[int, int]
    kind: str = "page"  # page (full page), slide (presenter, the screen), kiosk (first screen)
    lang: str = "zh"
    slide: int = 0


@dataclass
class Result:
    name: str
    path: str
    size: tuple[int, int]
    status: str = "ok"  # ok, warning (captured, but something is off), failed
    final_path: str = ""
    page_height: int = 0
    truncated: bool = False
    drawn: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0


def page_views() -> list[View]:
    views = []
    for page in PAGES:
        for lang in LANGS:
            for size in (DESKTOP, PHONE):
                views.append(View(f"{page or 'home'}-{lang}-{size[0]}x{size[1]}", f"/{page}?lang={lang}", size, lang=lang))
    for page, param, value in SELECTED:
        for lang in LANGS:
            views.append(View(f"{page}-{param}-{value}-{lang}-1920x1080", f"/{page}?{param}={value}&lang={lang}", DESKTOP, lang=lang))
    return views


def slide_view(lang: str, number: int) -> View:
    return View(f"present-{lang}-{number:02d}", f"/present?lang={lang}&slide={number}", DESKTOP, "slide", lang, number)


def kiosk_views() -> list[View]:
    return [View(f"kiosk-both-{w}x{h}", "/kiosk?lang=both", (w, h), "kiosk", "both") for w, h in (DESKTOP, UHD)]


def relative(url: str, base: str) -> str:
    """The address without the server's origin, so that snapshots of servers on different ports compare."""
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(base))
    return url[len(origin) :] if url.startswith(origin) else url


def write_text(path: Path, view: View, result: Result, title: str, body: str, links: list[str]) -> None:
    lines = [f"# view: {view.name}", f"# address: {view.path}", f"# final address: {result.final_path}", f"# title: {title}", "", "## text"]
    lines += [line.rstrip() for line in body.strip("\n").split("\n")]
    lines += ["", f"## links ({len(links)})", *links]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def steady_height(page, tries: int = 10) -> int:
    """The tallest scroll height once two measurements half a second apart agree (a page still laying out measures short)."""
    height = page.evaluate(TALLEST)
    for _ in range(tries):
        page.wait_for_timeout(500)
        again = page.evaluate(TALLEST)
        if again == height:
            break
        height = again
    return height


def grow_to_full_page(page, size: tuple[int, int], settle_ms: int) -> int:
    """Grow the window to the whole page (at most MAX_HEIGHT), again if the page grows with it; returns the page's height."""
    tallest = steady_height(page)
    for _ in range(5):
        target = min(max(tallest, size[1]), MAX_HEIGHT)
        page.set_viewport_size({"width": size[0], "height": target})
        page.wait_for_timeout(settle_ms)
        page.evaluate(SETTLED)
        again = steady_height(page)
        if again <= target or target == MAX_HEIGHT:
            return max(again, tallest)
        tallest = again
    return tallest


def capture(browser, base: str, view: View, out: Path, settle_ms: int) -> Result:
    """Open one view in a fresh browser context, write its PNG and TXT; raises on what prevents a capture."""
    from tests.browser import Recorder, wait_for_app

    result = Result(view.name, view.path, view.size)
    locale = "en-US" if view.lang == "en" else "zh-CN"
    context = browser.new_context(viewport={"width": view.size[0], "height": view.size[1]}, locale=locale, timezone_id="Asia/Shanghai",
                                  reduced_motion="reduce", device_scale_factor=1)  # fmt: skip
    page = context.new_page()
    recorder = Recorder(base=base)
    page.on("request", recorder.on_request)
    page.on("console", recorder.on_console)
    try:
        page.goto(base + view.path, wait_until="domcontentloaded")
        if view.kind != "page":
            page.wait_for_selector("#ordos-deck .od-slide.on", timeout=60_000)
        wait_for_app(page, timeout_ms=60_000)
        if not page.evaluate(SETTLED):
            result.notes.append("fonts or images still loading after 10 s")
        if view.kind == "page":
            tallest = grow_to_full_page(page, view.size, settle_ms)
            result.page_height, result.truncated = tallest, tallest > MAX_HEIGHT
            if result.truncated:
                result.notes.append(f"page is {tallest} px tall: cut at {MAX_HEIGHT}")
            body, title = page.evaluate(MAIN_TEXT), page.title()
        else:
            page.wait_for_timeout(settle_ms)
            state = page.evaluate(SLIDE)
            result.drawn["slides"] = state["slides"]
            want = view.slide or 1
            if state["index"] != want or state["advances"]:
                raise RuntimeError(f"showing slide {state['index']} after {state['advances']} advances, not slide {want}")
            body = f"[slide {state['count']}: {state['key']}]\n{state['text']}"
            if state["downloads"]:
                body += f"\n[downloads]\n{state['downloads']}"
            title = page.title()
        result.drawn.update(page.evaluate(DRAWN))
        page.screenshot(path=str(out / f"{view.name}.png"), animations="disabled")
        if view.kind == "kiosk" and page.evaluate(SLIDE)["advances"]:
            raise RuntimeError("the kiosk advanced while the screenshot was taken")
        result.final_path = relative(page.url, base)
        write_text(out / f"{view.name}.txt", view, result, title, body, page.evaluate(LINKS, base))
        if result.drawn.get("exceptions"):
            result.notes.append(f"{result.drawn['exceptions']} Streamlit exception(s) on the page")
        if recorder.console_errors:
            result.notes.append(f"console errors: {recorder.console_errors[:3]}")
        if recorder.outside:
            result.notes.append(f"requests outside the server: {recorder.outside[:3]}")
        if result.notes:
            result.status = "warning"
        return result
    finally:
        context.close()


def capture_with_retry(browser, base: str, view: View, out: Path, settle_ms: int, attempts: int = 2) -> Result:
    started = time.monotonic()
    for attempt in range(1, attempts + 1):
        try:
            result = capture(browser, base, view, out, settle_ms)
            if attempt > 1:
                result.notes.append(f"captured at attempt {attempt}")
            break
        except Exception as exc:
            error = f"attempt {attempt}: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
            print(f"  {view.name}: {error}", flush=True)
            if attempt == attempts:
                result = Result(view.name, view.path, view.size, status="failed", notes=[error])
    result.seconds = round(time.monotonic() - started, 1)
    return result


def shape_lines(shape, depth: int = 0) -> list[str]:
    """One shape of a slide as text: its name, kind and place, then its text (tables cell by cell, groups shape by shape)."""
    indent = "  " * depth
    kind = str(shape.shape_type).split(" ")[0] if shape.shape_type is not None else "SHAPE"
    place = f"@{shape.left},{shape.top} {shape.width}x{shape.height}" if shape.width is not None else ""
    lines = [f"{indent}--- {shape.name} [{kind}] {place}".rstrip()]
    if getattr(shape, "shapes", None) is not None and kind.startswith("GROUP"):
        for child in shape.shapes:
            lines += shape_lines(child, depth + 1)
    if shape.has_text_frame:
        lines += [indent + line for line in shape.text_frame.text.split("\n")]
    if getattr(shape, "has_table", False) and shape.has_table:
        lines += [indent + " | ".join(cell.text.replace("\n", " / ") for cell in row.cells) for row in shape.table.rows]
    if getattr(shape, "has_chart", False) and shape.has_chart:
        lines.append(f"{indent}[chart {shape.chart.chart_type}]")
    if hasattr(shape, "image"):
        with contextlib.suppress(ValueError, AttributeError):
            lines.append(f"{indent}[picture {shape.image.content_type} sha256 {hashlib.sha256(shape.image.blob).hexdigest()}]")
    return lines


def deck_text(path: Path) -> str:
    from pptx import Presentation

    deck = Presentation(str(path))
    lines = [f"# deck: {path.name}", f"# slides: {len(deck.slides)}, size {deck.slide_width}x{deck.slide_height} EMU"]
    for number, slide in enumerate(deck.slides, 1):
        lines += ["", f"=== slide {number} ({slide.slide_layout.name}) ==="]
        for shape in slide.shapes:
            lines += shape_lines(shape)
        if slide.has_notes_slide and slide.notes_slide.notes_text_frame is not None and slide.notes_slide.notes_text_frame.text.strip():
            lines += ["--- notes", *slide.notes_slide.notes_text_frame.text.split("\n")]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def snapshot_decks(project: Path, out: Path) -> list[str]:
    """Run the project's scripts/make_deck.py into out/deck and write deck-<lang>.txt; returns what went wrong."""
    python = project / ".venv" / "bin" / "python"
    command = [str(python if python.exists() else sys.executable), "scripts/make_deck.py", "--out", str(out / "deck")]
    done = subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=600, check=False)
    print(done.stdout.rstrip())
    if done.returncode:
        return [f"make_deck exited {done.returncode}: {done.stderr.strip()[-2000:]}"]
    problems = []
    for lang in LANGS:
        files = sorted((out / "deck").glob(f"*-{lang}.pptx"))
        if len(files) != 1:
            problems.append(f"expected one *-{lang}.pptx in {out / 'deck'}, found {[f.name for f in files]}")
            continue
        (out / f"deck-{lang}.txt").write_text(deck_text(files[0]), encoding="utf-8")
    return problems


def git_state(project: Path) -> dict:
    def git(*args: str) -> str:
        done = subprocess.run(["git", "-C", str(project), *args], capture_output=True, text=True, check=False)
        return done.stdout.strip() if done.returncode == 0 else ""

    commit = git("rev-parse", "HEAD")
    return {"commit": commit or None, "dirty": bool(git("status", "--porcelain")) if commit else None}


def snapshot(args: argparse.Namespace) -> int:
    from playwright.sync_api import sync_playwright

    from tests.browser import CHROMIUM, FLAGS

    base, out, project = args.url.rstrip("/"), Path(args.out), Path(args.project).resolve()
    out.mkdir(parents=True, exist_ok=True)
    wanted = args.only or ["*"]

    def chosen(view: View) -> bool:
        return any(fnmatch.fnmatch(view.name, pattern) for pattern in wanted)

    manifest = {"url": base, "project": str(project), **git_state(project), "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "chromium": CHROMIUM, "flags": FLAGS, "settle_ms": args.settle_ms, "views": [], "deck": None}  # fmt: skip
    results: list[Result] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        manifest["chromium_version"] = browser.version
        try:
            queue = [*page_views(), *kiosk_views()]
            for lang in DECK_LANGS:
                queue.append(slide_view(lang, 1))
            while queue:
                view = queue.pop(0)
                if not chosen(view) and not (view.kind == "slide" and view.slide == 1):
                    continue
                result = capture_with_retry(browser, base, view, out, args.settle_ms)
                if view.kind == "slide" and view.slide == 1:
                    total = result.drawn.get("slides", 0)
                    if total:
                        queue[0:0] = [slide_view(view.lang, n) for n in range(2, total + 1)]
                    if not chosen(view):
                        for suffix in (".png", ".txt"):
                            (out / f"{view.name}{suffix}").unlink(missing_ok=True)
                        continue
                results.append(result)
                notes = f"  ({'; '.join(result.notes)})" if result.notes else ""
                print(f"{result.status:8} {result.seconds:5.1f} s  {view.name}  {view.path}{notes}", flush=True)
        finally:
            browser.close()
    manifest["views"] = [asdict(r) for r in results]
    if not args.no_deck:
        problems = snapshot_decks(project, out)
        manifest["deck"] = {"status": "failed" if problems else "ok", "notes": problems}
        for problem in problems:
            print(f"deck: {problem}")
    manifest["finished"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    failed = [r.name for r in results if r.status == "failed"]
    warned = [r.name for r in results if r.status == "warning"]
    decks = "" if args.no_deck else f", decks {manifest['deck']['status']}"
    written = len(results) - len(failed)
    print(f"{len(results)} views captured into {out}: {written} written ({len(warned)} with warnings), {len(failed)} failed{decks}")
    for name in failed:
        print(f"failed: {name}")
    return 1 if failed or (manifest["deck"] and manifest["deck"]["status"] == "failed") else 0


# ---------------------------------------------------------------------------------------------------- compare


def entries(folder: Path) -> dict[str, dict[str, Path]]:
    """Files of a snapshot grouped by view: {'home-zh-1920x1080': {'.png': path, '.txt': path}, 'deck/charts/x': {...}}."""
    found: dict[str, dict[str, Path]] = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if not path.is_file() or rel.parts[0] == "diff" or path.suffix not in (*TEXT_SUFFIXES, ".png"):
            continue
        found.setdefault(str(rel.with_suffix("")), {})[path.suffix] = path
    return found


def pixel_difference(before: Path, after: Path, out: Path):
    """Share of differing pixels when the sizes match (and a picture before | after | differences), or why not."""
    from PIL import Image, ImageChops

    with Image.open(before) as a, Image.open(after) as b:
        a, b = a.convert("RGB"), b.convert("RGB")
        if a.size != b.size:
            side_by_side(a, b, None, out)
            return None, f"sizes differ: {a.size[0]}x{a.size[1]} before, {b.size[0]}x{b.size[1]} after"
        mask = ImageChops.difference(a, b).convert("L").point(lambda v: 255 if v else 0)
        changed = mask.histogram()[255]
        if changed:
            side_by_side(a, b, mask, out)
        return changed / (a.size[0] * a.size[1]), None


def side_by_side(a, b, mask, out: Path) -> None:
    """before | after | after faded with the differing pixels in red (sizes differ: before | after)."""
    from PIL import Image

    panels = [a, b]
    if mask is not None:
        faded = Image.blend(b, Image.new("RGB", b.size, "white"), 0.7)
        faded.paste(Image.new("RGB", b.size, (220, 0, 0)), mask=mask)
        panels.append(faded)
    gap = 12
    picture = Image.new("RGB", (sum(p.size[0] for p in panels) + gap * (len(panels) - 1), max(p.size[1] for p in panels)), (128, 128, 128))
    x = 0
    for panel in panels:
        picture.paste(panel, (x, 0))
        x += panel.size[0] + gap
    out.parent.mkdir(parents=True, exist_ok=True)
    picture.save(out)


def compare_view(name: str, files_a: dict[str, Path], files_b: dict[str, Path], diff_dir: Path, pixels: bool, tolerance: float):
    """One view before and after: whether its text is identical (None: it has none), what differs, the diffs to show."""
    text_same, problems, shown = None, [], []
    for suffix in sorted(set(files_a) | set(files_b)):
        is_text = suffix in TEXT_SUFFIXES
        if suffix not in files_a or suffix not in files_b:
            problems.append(f"{suffix} only {'before' if suffix in files_a else 'after'}")
            text_same = False if is_text else text_same
            continue
        if is_text:
            old = files_a[suffix].read_text(encoding="utf-8").splitlines(keepends=True)
            new = files_b[suffix].read_text(encoding="utf-8").splitlines(keepends=True)
            if old == new:
                text_same = True if text_same is None else text_same
                continue
            text_same = False
            diff = list(difflib.unified_diff(old, new, f"before/{name}{suffix}", f"after/{name}{suffix}"))
            target = diff_dir / f"{name}{suffix}.diff"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text("".join(diff), encoding="utf-8")
            changed = sum(1 for line in diff[2:] if line[:1] in "+-")
            problems.append(f"{suffix} differs in {changed} lines")
            shown.append("".join(diff[:DIFF_LINES]).rstrip("\n"))
            if len(diff) > DIFF_LINES:
                shown.append(f"    ... {len(diff) - DIFF_LINES} more lines in {target}")
        elif pixels:
            share, why = pixel_difference(files_a[suffix], files_b[suffix], diff_dir / f"{name}.png")
            if why:
                problems.append(f"png {why} (picture: {diff_dir / name}.png)")
            elif share > tolerance:
                problems.append(f"png {share:.4%} of pixels differ (picture: {diff_dir / name}.png)")
            elif share:
                shown.append(f"    png {share:.4%} of pixels differ, within the tolerance {tolerance:.4%}")
    return text_same, problems, shown


def compare(before: Path, after: Path, tolerance: float) -> int:
    try:
        import PIL  # noqa: F401

        pixels = True
    except ImportError:
        pixels = False
        print("PIL is not installed in this Python: pixels are not compared, only text")
    a, b = entries(before), entries(after)
    names = sorted(set(a) | set(b))
    same_text = differing = 0
    for name in names:
        files_a, files_b = a.get(name, {}), b.get(name, {})
        text_same, problems, shown = compare_view(name, files_a, files_b, after / "diff", pixels, tolerance)
        same_text += bool(text_same)
        differing += bool(problems)
        headline = {True: "text identical", False: "TEXT DIFFERS", None: "no text"}[text_same]
        if pixels and ".png" in files_a and ".png" in files_b and not any(p.startswith("png") for p in problems):
            headline += ", pixels identical" if not shown else ""
        print(f"{'DIFF' if problems else 'same'}  {name}: {'; '.join([headline, *problems])}")
        for block in shown:
            print(block)
    note = "" if pixels else " (pixels not compared: no PIL)"
    print(f"{len(names)} views, {same_text} text-identical, {differing} with differences{note}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Snapshot every view of the app (PNG and text), or compare two snapshots.")
    parser.add_argument("--url", help="the running server, e.g. http://127.0.0.1:8611")
    parser.add_argument("--out", help="folder to write the snapshot to (created if missing)")
    parser.add_argument("--project", default=str(ROOT), help="checkout whose scripts/make_deck.py writes the decks (default: this one)")
    parser.add_argument("--only", action="append", metavar="GLOB", help="only views whose name matches (repeatable), e.g. 'present-en-*'")
    parser.add_argument("--no-deck", action="store_true", help="skip the PowerPoint decks")
    parser.add_argument(
        "--settle-ms", type=int, default=1000, help="wait after the page is ready and after growing the window (default 1000)"
    )
    parser.add_argument("--compare", nargs=2, metavar=("BEFORE", "AFTER"), help="compare two snapshot folders instead")
    parser.add_argument("--tolerance", type=float, default=0.0, help="share of differing pixels still counted as the same (default 0)")
    args = parser.parse_args(argv)
    if args.compare:
        return compare(Path(args.compare[0]), Path(args.compare[1]), args.tolerance)
    if not args.url or not args.out:
        parser.error("--url and --out are required (or --compare BEFORE AFTER)")
    return snapshot(args)


if __name__ == "__main__":
    sys.exit(main())
