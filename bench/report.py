"""The report for people (Markdown) from the results of bench/run.py (the same data as report.json).

`python -m bench.report` re-renders bench/out/report.md from bench/out/report.json.
"""

from __future__ import annotations

import json

from bench import edition
from bench.common import OUT


def _f(value, digits: int = 0, unit: str = "") -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:,.{digits}f}{unit}"
    return f"{value}{unit}"


def _kb(value) -> str:
    return "—" if value is None else f"{value / 1024:,.1f} KB"


def _ok(met: bool | None) -> str:
    return "n/a" if met is None else ("met" if met else "**missed**")


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return lines


def _step(results: dict, name: str) -> tuple[dict | None, str | None]:
    entry = results.get("steps", {}).get(name)
    if entry is None:
        return None, "not run"
    if "failed" in entry:
        return None, f"failed: {entry['failed']}"
    return entry["result"], None


def goals(results: dict) -> list[dict]:
    """Each goal of the issue with the measured figure and whether it is met (None: not measured)."""
    rows = []
    b, _ = _step(results, "build")
    rows.append(
        {
            "goal": "1. Build ≤ 1.5× the floor (Python + its libraries)",
            "measured": f"{_f(b and b['ratio'], 2)}×",
            "met": None if not b else b["ratio"] <= 1.5,
        }
    )
    st, _ = _step(results, "server_time")
    app = (st or {}).get("app", {})
    main_pages = [v for k, v in app.items() if "?" not in k and v.get("median") is not None]
    worst = max(app.items(), key=lambda kv: kv[1].get("median") or 0, default=(None, {}))
    rows.append(
        {
            "goal": "2. Server time: median ≤ 50 ms for every page",
            "measured": f"worst {worst[0]}: {_f(worst[1].get('median'), 0)} ms" if worst[0] else "—",
            "met": None if not main_pages else all((v.get("median") or 1e9) <= 50 for v in app.values()),
        }
    )
    br = (st or {}).get("browser", {}).get("pages", {})
    if br:
        worst_ratio = max(br.items(), key=lambda kv: kv[1].get("ratio_median") or 0)
        worst_bytes = max(br.items(), key=lambda kv: kv[1].get("page_bytes") or 0)
        rows.append(
            {
                "goal": "3. Browser: every page ready ≤ 1.3× the bare page",
                "measured": f"worst {worst_ratio[0]}: {_f(worst_ratio[1]['ratio_median'], 2)}×",
                "met": all((v.get("ratio_median") or 1e9) <= 1.3 for v in br.values()),
            }
        )
        rows.append(
            {
                "goal": "3. Browser: every page ≤ 300 KB beyond Streamlit's frontend",
                "measured": f"largest {worst_bytes[0]}: {_kb(worst_bytes[1]['page_bytes'])}",
                "met": all((v.get("page_bytes") or 0) <= 300 * 1024 for v in br.values()),
            }
        )
    else:
        rows.append({"goal": "3. Browser (ready ≤ 1.3× bare; ≤ 300 KB)", "measured": "—", "met": None})
    ld, _ = _step(results, "load")
    if ld:
        cap = ld.get("capacity", {})
        a, z = cap.get("app", {}).get("sustained_rate_per_s"), cap.get("bare", {}).get("sustained_rate_per_s")
        ratio = a / z if a is not None and z else None
        rows.append(
            {
                "goal": "4. App sustains ≥ 0.8× the bare app's request rate at p95 ≤ 1 s",
                "measured": f"{_f(a, 1)}/s vs {_f(z, 1)}/s = {_f(ratio, 2)}×",
                "met": None if ratio is None else ratio >= 0.8,
            }
        )
        top = 200 if any(r["visitors"] == 200 for r in ld["levels"]) else max((r["visitors"] for r in ld["levels"]), default=0)
        big = [r for r in ld["levels"] if r["site"] == "ordos" and r["visitors"] == top]
        good = [r for r in big if r["errors"] == 0 and (r["p95_ms"] or 1e9) <= 1000]
        text = "; ".join(f"{r['config']}: p95 {_f(r['p95_ms'], 0)} ms, {r['errors']} errors" for r in big)
        rows.append(
            {
                "goal": f"4. {top} visitors, 10 s between actions: p95 ≤ 1 s, no errors",
                "measured": text or "—",
                "met": (bool(good) if top >= 200 else None) if big else None,
            }
        )
    else:
        rows.append({"goal": "4. Load", "measured": "—", "met": None})
    mem, _ = _step(results, "memory")
    k = (mem or {}).get("kiosk", {})
    if k.get("available") and "browser_heap_growth_mb" in k:
        rows.append(
            {
                "goal": "5. Kiosk: 10,000 advances, memory growth ≤ 30 MB",
                "measured": f"{k['advances']:,} advances: browser heap {k['browser_heap_growth_mb']:+.1f} MB, "
                f"server RSS {k['server_rss_growth_mb']:+.1f} MB",
                "met": k["growth_mb"] <= 30 and k["advances"] >= 10_000,
            }
        )
    else:
        rows.append(
            {"goal": "5. Kiosk: 10,000 advances, memory growth ≤ 30 MB", "measured": k.get("reason") or k.get("error") or "—", "met": None}
        )
    return rows + capacity_goals(results)


def _met(r: dict) -> bool:
    return r["errors"] == 0 and (r["p95_ms"] or 1e9) <= 1000


def capacity_goals(results: dict) -> list[dict]:
    """The goals of 'The interactive app, lighter per visitor': closed-loop capacity, ready and compressed bytes
    against the bare page, 500 visitors through nginx, where one process saturates."""
    rows = []
    ld, _ = _step(results, "load")
    cl = (ld or {}).get("closed_loop") or {}
    a, z = cl.get("app", {}).get("runs_per_s"), cl.get("bare", {}).get("runs_per_s")
    ratio = a / z if a is not None and z else None
    rows.append(
        {
            "goal": "6. Closed-loop capacity of one process ≥ 0.5× the bare app (40 visitors, 0.2 s between pages)",
            "measured": f"{_f(a, 1)} vs {_f(z, 1)} runs/s = {_f(ratio, 2)}× (p95 {_f(cl.get('app', {}).get('p95_ms'), 0)} vs "
            f"{_f(cl.get('bare', {}).get('p95_ms'), 0)} ms)",
            "met": None if ratio is None else ratio >= 0.5,
        }
    )
    st, _ = _step(results, "server_time")
    br = (st or {}).get("browser", {}).get("pages", {})
    if br:
        limit = {"map": 1.8}
        text = ", ".join(f"{k} {_f(v.get('ratio_median'), 2)}×" for k, v in br.items())
        rows.append(
            {
                "goal": "6. Every page ready ≤ 1.3× the bare page in Chromium; the map ≤ 1.8×",
                "measured": text,
                "met": all((v.get("ratio_median") or 1e9) <= limit.get(k, 1.3) for k, v in br.items()),
            }
        )
        limit = {"map": 1.6}
        text = ", ".join(f"{k} {_f(v.get('gz_ratio'), 2)}×" for k, v in br.items())
        rows.append(
            {
                "goal": "6. Every page loads ≤ 1.1× the bare page's bytes (compressed), the map ≤ 1.6×",
                "measured": f"{text} (bare page {_kb(st['browser']['bare'].get('gz_total_bytes'))})",
                "met": None
                if any(v.get("gz_ratio") is None for v in br.values())
                else all(v["gz_ratio"] <= limit.get(k, 1.1) for k, v in br.items()),
            }
        )
    if ld:
        big = [r for r in ld["levels"] if r["site"] == "ordos" and r["visitors"] == 500 and r["config"] != "1 process"]
        rows.append(
            {
                "goal": "6. 500 visitors, 10 s between actions, nginx + 2 replicas: p95 ≤ 1 s, no errors",
                "measured": "; ".join(f"p95 {_f(r['p95_ms'], 0)} ms, {r['errors']} errors" for r in big) or "—",
                "met": (all(_met(r) for r in big)) if big else None,
            }
        )
        sat = ld.get("saturation")
        if sat:
            high = sat.get("missed_at")
            missed = sat["levels"].get(high) or sat["levels"].get(str(high)) or {}
            text = f"p95 ≤ 1 s and no errors up to {sat['met_up_to']} visitors" + (
                f"; {high} visitors: p95 {_f(missed.get('p95_ms'), 0)} ms, {missed.get('errors')} errors" if high else " (every level met)"
            )
            rows.append({"goal": "6. Where one process saturates (10 s between actions)", "measured": text, "met": None})
    return rows


def markdown(results: dict) -> str:
    m = results.get("machine", {})
    out = [
        "# Performance report",
        "",
        f"Run {results.get('started_at')} ({results.get('mode')} mode, {_f(results.get('elapsed_s', 0) / 60, 1)} min). "
        "Absolute times on this shared machine are noisy; each ratio compares two things measured side by side in this run. "
        "The load average before and after each step is given with it (other work on the machine shows there).",
        "",
        "## Machine",
        "",
        *_table(
            ["CPU", "cores", "RAM", "OS", "Python", "Streamlit", "Chromium", "nginx"],
            [
                [
                    m.get("cpu"),
                    m.get("cores"),
                    f"{m.get('ram_gb')} GB",
                    m.get("os"),
                    m.get("python"),
                    m.get("streamlit"),
                    m.get("chromium"),
                    m.get("nginx"),
                ]
            ],
        ),
        "",
        "## Goals",
        "",
        *_table(["goal", "measured", "result"], [[g["goal"], g["measured"], _ok(g["met"])] for g in goals(results)]),
        "",
    ]
    out += _build(results) + _server(results) + _browser(results) + _load(results) + _settings(results) + _memory(results)
    out += edition.report_lines(results)
    return "\n".join(out) + "\n"


def _load_note(results: dict, name: str) -> str:
    e = results.get("steps", {}).get(name, {})
    if not e:
        return ""
    before, after = e.get("load_average_before"), e.get("load_average_after")
    return f"_Step took {_f(e.get('seconds'), 0)} s; load average before {_f(before and before[0], 1)}, after {_f(after and after[0], 1)}._"


def _profile_lines(title: str, prof: dict, n: int = 10) -> list[str]:
    if not prof or "error" in prof:
        return [f"{title}: profile failed ({(prof or {}).get('error')})", ""]
    lines = [
        f"{title} — py-spy, {prof.get('samples')} samples"
        + (f", {prof['runs']} runs" if prof.get("runs") else "")
        + f" (`{prof.get('file')}`). Share of samples in the project's own frames (inclusive), then in single functions (self):",
        "",
    ]
    lines += _table(["inclusive", "frame"], [[f"{r['share']:.0%}", f"`{r['frame']}`"] for r in prof.get("project", [])[:n]])
    lines += [""]
    lines += _table(["self", "function"], [[f"{r['share']:.0%}", f"`{r['frame']}`"] for r in prof.get("self", [])[:n]])
    return [*lines, ""]


def _build(results: dict) -> list[str]:
    b, err = _step(results, "build")
    out = ["## 1. Build", ""]
    if err:
        return [*out, err, ""]
    out += [
        f"`python -m pipeline` (the whole build, into a temporary database) against `{b['floor_command'].split(' ', 1)[1]}` "
        f"(the libraries the build imports: {', '.join(b['libraries'])}), alternating, {b['build_ms']['n']} runs each.",
        "",
        *_table(
            ["", "median", "IQR", "min", "max"],
            [
                ["build", *(f"{_f(b['build_ms'][k], 0)} ms" for k in ("median", "iqr", "min", "max"))],
                ["floor", *(f"{_f(b['floor_ms'][k], 0)} ms" for k in ("median", "iqr", "min", "max"))],
            ],
        ),
        "",
        f"Ratio {b['ratio']:.2f}× (pairs {b['ratio_pairs_min']:.2f}–{b['ratio_pairs_max']:.2f}); goal ≤ 1.5×. "
        + _load_note(results, "build"),
        "",
    ]
    if b.get("profile"):
        out += _profile_lines("Where the build's time goes", b["profile"])
    return out


def _server(results: dict) -> list[str]:
    st, err = _step(results, "server_time")
    out = ["## 2. Server time per page", ""]
    if err:
        return [*out, err, ""]
    out += [
        "One session per page; caches warm; each figure is one full script run (rerun BackMsg → script_finished) over loopback. "
        "Goal: median ≤ 50 ms.",
        "",
    ]
    rows = []
    for site in ("app", "bare"):
        for label, v in st.get(site, {}).items():
            if "error" in v:
                rows.append([label, v["error"], "", "", "", "", "", "", ""])
                continue
            rows.append(
                [
                    label,
                    v["n"],
                    _f(v["median"], 1),
                    _f(v["p95"], 1),
                    _f(v["iqr"], 1),
                    _f(v["min"], 1),
                    _f(v["max"], 1),
                    v["elements"],
                    _kb(v["bytes_per_run"]),
                ]
            )
    out += _table(["page", "runs", "median ms", "p95 ms", "IQR ms", "min ms", "max ms", "elements", "sent per run"], rows)
    out += ["", *_per_element(st.get("bare", {})), _load_note(results, "server_time"), ""]
    for label, prof in st.get("profiles", {}).items():
        out += _profile_lines(f"Profile of `{label}`", prof)
    return out


def _per_element(bare: dict) -> list[str]:
    """Streamlit's own cost per element, from the bare app's bare page and its page of 60 plain elements."""
    small, big = bare.get("bare", {}), bare.get("bare/60 elements", {})
    if not small.get("median") or not big.get("median") or big["elements"] <= small["elements"]:
        return []
    per = (big["median"] - small["median"]) / (big["elements"] - small["elements"])
    return [
        f"Streamlit's own cost per element (the bare app's page of {big['elements']} plain elements against its bare page of "
        f"{small['elements']}): **{per:.2f} ms per element**. At that rate a page's elements alone set a floor under its "
        "server time (elements × cost), before any of its own work.",
        "",
    ]


def _browser(results: dict) -> list[str]:
    st, err = _step(results, "server_time")
    out = ["## 3. In the browser", ""]
    if err or not st:
        return [*out, err or "not run", ""]
    if "browser_failed" in st:
        return [*out, f"failed: {st['browser_failed']}", ""]
    br = st["browser"]
    bare = br["bare"]
    out += [
        f"Headless Chromium, a fresh context (empty cache) per load, app page and bare page alternating, {br['reps']} loads each. "
        f"Ready = the last DOM change once the script has finished and the page has been still for {br['quiet_ms']} ms. "
        f"Ratio = each app load over the bare load just before it (median, min–max). Bytes = websocket frames + the app's HTTP "
        f"responses, beyond Streamlit's frontend ({_kb(bare.get('frontend_bytes'))} for the bare page).",
        "",
        f"Bare page: ready {_f(bare['ready_median_ms'], 0)} ms (IQR {_f(bare['ready_iqr_ms'], 0)}), "
        f"{_kb(bare['ws_bytes'])} over the websocket.",
        "",
    ]
    rows = []
    for label, v in br["pages"].items():
        rows.append(
            [
                label,
                _f(v["ready_median_ms"], 0),
                _f(v["ready_iqr_ms"], 0),
                f"{_f(v['ratio_median'], 2)} ({_f(v['ratio_min'], 2)}–{_f(v['ratio_max'], 2)})",
                _kb(v["page_bytes"]),
                _kb(v["ws_bytes"]),
                _kb(v["app_http_bytes"]),
                f"{_kb(v.get('gz_total_bytes'))} ({_f(v.get('gz_ratio'), 2)}×)",
                len(v["external_requests"]),
                "; ".join(v["errors"]) or "—",
            ]
        )
    header = ["page", "ready ms", "IQR ms", "× bare", "bytes", "websocket", "app HTTP", "all, compressed (× bare)", "external requests"]
    out += _table([*header, "errors"], rows)
    out += [
        "",
        f"Compressed = everything the page loads, Streamlit's frontend and the JS chunks its elements need included, each "
        f"response as deploy/nginx.conf sends it (gzip 5 from 1 KB), the websocket payload gzipped as one stream; the bare page: "
        f"{_kb(bare.get('gz_total_bytes'))} ({_kb(bare.get('gz_frontend_bytes'))} frontend, {_kb(bare.get('gz_ws_bytes'))} websocket).",
    ]
    out += ["", _load_note(results, "server_time"), ""]
    check = st.get("generator_check", {})
    if check:
        out += [
            "**Load generator against Chromium.** For each page, the ForwardMsgs Chromium received (decoded from its websocket "
            "frames) against what the generator receives for the same page and query: message structure (type, element, delta path) "
            "and element content (ids that are random per session blanked).",
            "",
        ]
        rows = [
            [
                label,
                c["messages_browser"],
                c["messages_generator"],
                "yes" if c["same_structure"] else f"no ({c['first_difference']})",
                f"{c['elements_identical']}/{c['elements']}",
                ", ".join(c.get("differing_elements", [])) or "—",
            ]
            for label, c in check.items()
        ]
        out += _table(["page", "messages (Chromium)", "messages (generator)", "same structure", "identical elements", "differing"], rows)
        out += [""]
    return out


def _load(results: dict) -> list[str]:
    ld, err = _step(results, "load")
    out = ["## 4. Load", ""]
    if err:
        return [*out, err, ""]
    out += [
        "Simulated visitors over Streamlit's websocket protocol (bench/loadgen.py): open a page, read 0.5–1.5× the think time, "
        "then change language, select, or switch page; leave with probability 1/6 after each action. Latency = click → "
        "script_finished (an arrival includes its HTTP requests and the websocket handshake). CPU is % of one core (200 % = "
        "both cores); client = the load generator itself, on the same machine.",
        "",
    ]
    rows = []
    for r in ld["levels"]:
        rows.append(
            [
                r["site"],
                r["config"],
                r["visitors"],
                _f(r["think_s"], 0),
                r["requests"],
                _f(r["rate_per_s"], 1),
                _f(r["p50_ms"], 0),
                _f(r["p95_ms"], 0),
                _f(r["p99_ms"], 0),
                r["errors"],
                _f(r["cpu_mean_pct"], 0),
                _f(r["cpu_max_pct"], 0),
                _f(r["rss_max_mb"], 0),
                _f(r["client_cpu_pct"], 0),
            ]
        )
    out += _table(
        [
            "app",
            "serving",
            "visitors",
            "think s",
            "requests",
            "req/s",
            "p50 ms",
            "p95 ms",
            "p99 ms",
            "errors",
            "server CPU %",
            "CPU max %",
            "RSS max MB",
            "client CPU %",
        ],
        rows,
    )
    kinds = ("open", "lang", "select", "switch")
    out += ["", "p50 / p95 by action (ms):", ""]
    out += _table(
        ["app", "serving", "visitors", *kinds],
        [
            [r["site"], r["config"], r["visitors"]]
            + [f"{_f(r['by_kind'].get(k, {}).get('p50_ms'), 0)} / {_f(r['by_kind'].get(k, {}).get('p95_ms'), 0)}" for k in kinds]
            for r in ld["levels"]
        ],
    )
    if ld.get("nginx_failed"):
        out += ["", f"nginx + 2 replicas: failed: {ld['nginx_failed']}"]
    spread = [f"{r['visitors']} visitors: {r['replicas_used']}" for r in ld["levels"] if r.get("replicas_used")]
    if spread:
        out += ["", "Through nginx, websocket sessions per replica port (sticky cookie routing): " + "; ".join(spread) + "."]
    errs = {f"{r['site']} {r['visitors']} ({r['config']})": r["error_kinds"] for r in ld["levels"] if r["error_kinds"]}
    if errs:
        out += ["", "Errors: " + "; ".join(f"{k}: {v}" for k, v in errs.items())]
    out += [
        "",
        _load_note(results, "load"),
        "",
        *_closed_loop(ld),
        "**Capacity**: 60 visitors with shorter and shorter think times (offered rate ×1.4 per step, from half of what "
        "the server times predict) until p95 > 1 s or an error; sustained = the best achieved rate of a step that met the bar.",
        "",
    ]
    for name, cap in ld.get("capacity", {}).items():
        out += [
            f"{name}: sustained **{_f(cap['sustained_rate_per_s'], 1)} requests/s** at p95 {_f(cap['sustained_p95_ms'], 0)} ms "
            f"(steps of {_f(cap['step_s'], 0)} s):",
            "",
        ]
        out += _table(
            ["offered /s", "achieved /s", "p50 ms", "p95 ms", "errors", "server CPU %"],
            [
                [
                    _f(s["offered_rate_per_s"], 1),
                    _f(s["rate_per_s"], 1),
                    _f(s["p50_ms"], 0),
                    _f(s["p95_ms"], 0),
                    s["errors"],
                    _f(s["cpu_mean_pct"], 0),
                ]
                for s in cap["steps"]
            ],
        )
        out += [""]
    return out


def _closed_loop(ld: dict) -> list[str]:
    cl = dict(ld.get("closed_loop") or {})
    settings = cl.pop("settings", None)
    out = []
    if cl:
        any_side = next(iter(cl.values()))
        out += [
            f"**Closed loop** (capacity of one process): {any_side['visitors']} visitors, each in one session asking page "
            f"after page {any_side['think_s']:.1f} s after the last one finished, the pages in turn, zh and en alternating; "
            f"app and bare app in alternating segments, {any_side['duration_s']:.0f} s each in all. Both servers run the "
            "project's .streamlit/config.toml (no file watcher, `runner.postScriptGC = false`, fast reruns).",
            "",
        ]
        out += _table(
            [
                "app",
                "runs",
                "runs/s",
                "p50 ms",
                "p95 ms",
                "errors",
                "server CPU %",
                "server CPU ms / run",
                "client CPU %",
                "segments runs/s",
            ],
            [
                [
                    v["site"],
                    v["runs"],
                    _f(v["runs_per_s"], 1),
                    _f(v["p50_ms"], 0),
                    _f(v["p95_ms"], 0),
                    v["errors"],
                    _f(v["cpu_mean_pct"], 0),
                    _f(v["server_cpu_ms_per_run"], 1),
                    _f(v["client_cpu_pct"], 0),
                    ", ".join(_f(s["runs_per_s"], 1) for s in v["segments"]),
                ]
                for v in cl.values()
            ],
        )
        if settings:
            out += [
                "",
                f"The bare app's server runs with {settings['bare_app']} (read from its own page), .streamlit/config.toml says "
                f"{settings['config_toml']}: " + ("the same." if settings["same"] else "**they differ: the ratio is not meaningful.**"),
            ]
        out += [""]
    sat = ld.get("saturation")
    if sat:
        levels = ", ".join(
            f"{n}: p95 {_f(v['p95_ms'], 0)} ms, {v['errors']} errors, CPU {_f(v['cpu_mean_pct'], 0)} %" for n, v in sat["levels"].items()
        )
        out += [
            f"**Where one process saturates** (10 s between actions; levels run while every smaller one met p95 ≤ 1 s, then "
            f"halfway between the last met and the first missed): met up to **{sat['met_up_to']}** visitors"
            + (f", missed at {sat['missed_at']}" if sat.get("missed_at") else "")
            + f". {levels}.",
            "",
        ]
    return out


PRODUCTION_SETTINGS = [
    (
        "server.fileWatcherType",
        '"none"',
        "Streamlit's default `auto` watches every module the app imports, per session; "
        "measured below (and in the issue: bare app, 50 visitors, p95 3.4 s → 55 ms).",
    ),
    (
        "runner.postScriptGC",
        "false",
        "the default runs a full `gc.collect(2)` after every script run, over the ~10⁶ long-lived "
        "objects of Streamlit, pandas, pyarrow and altair: 2–3× the run itself (measured below). Memory stays bounded "
        "without it (the kiosk soak is the check), and the app freezes its long-lived objects once after the first page "
        "(core/heap.py), so the collections Python still makes are cheap.",
    ),
    ("server.runOnSave / server.headless", "false / true", "no reruns on file change, no browser opened on the server."),
    ("runner.fastReruns", "true", "a new click interrupts the run it supersedes instead of queueing behind it."),
    ("runner.magicEnabled", "false", "no magic st.write of bare expressions (no surprise output, no per-line check)."),
    ("browser.gatherUsageStats", "false", "no telemetry requests (the exhibition may be offline)."),
    ("client.showErrorDetails", '"none"', "tracebacks go to the server log only."),
    ("server.maxMessageSize / maxUploadSize", "50 / 1", "bounds what one message or upload can cost."),
    (
        "server.enableWebsocketCompression",
        "false (default)",
        "compression costs server CPU per message; only worth it for slow links (the largest page is the one to watch in section 3).",
    ),
    (
        "global.minCachedMessageSize / maxCachedMessageAge",
        "10 KB / 2 (defaults)",
        "elements ≥ 10 KB (map geometry, charts) are "
        "sent once per session and then as a reference: a second visit of a page in the same session resends only what changed.",
    ),
    (
        "server.disconnectedSessionTTL",
        "120 s (default)",
        "a closed tab's session (and its memory) is kept two minutes for a "
        "reconnect; with many short visits, memory follows visits in the last two minutes, not open tabs.",
    ),
    (
        "server.cookieSecret + sticky routing",
        "same secret on every replica",
        "behind nginx with several processes: one "
        "visitor's websocket, its /media/ files and reconnects must reach the same process (bench/nginx.py routes by a cookie), "
        "and XSRF cookies must validate on every replica.",
    ),
    (
        "config.toml / secrets.toml pollers",
        "not configurable",
        "Streamlit polls both files every 200 ms whatever fileWatcherType says; the idle CPU column below shows what that costs.",
    ),
]


def _settings(results: dict) -> list[str]:
    s, err = _step(results, "settings")
    if err == "not run":
        return []
    out = ["## Production settings, measured", ""]
    if err:
        return [*out, err, ""]
    out += [
        f"The app with one setting changed at a time (fresh server each): idle CPU over 10 s, then {s['visitors']} visitors, "
        f"{s['think_s']:.0f} s think, {s['duration_s']:.0f} s.",
        "",
    ]
    rows = [
        [
            name,
            _f(v["idle_cpu_pct"], 1),
            v["requests"],
            _f(v["p50_ms"], 0),
            _f(v["p95_ms"], 0),
            v["errors"],
            _f(v["cpu_mean_pct"], 0),
            _f(v["cpu_ms_per_request"], 0),
            _f(v["rss_max_mb"], 0),
        ]
        for name, v in s["variants"].items()
    ]
    out += _table(["variant", "idle CPU %", "requests", "p50 ms", "p95 ms", "errors", "CPU %", "CPU ms / request", "RSS max MB"], rows)
    out += ["", _load_note(results, "settings"), "", "Every production setting that matters for speed, load or robustness:", ""]
    out += _table(["setting", "value", "why"], [[f"`{k}`", v, why] for k, v, why in PRODUCTION_SETTINGS])
    return [*out, ""]


def _memory(results: dict) -> list[str]:
    mem, err = _step(results, "memory")
    out = ["## 5. Memory", ""]
    if err:
        return [*out, err, ""]
    for name in ("app", "bare"):
        v = mem.get(name)
        if v:
            pts = ", ".join(f"{p['sessions']}: {p['rss_mb']:.0f} MB" for p in v["points"])
            out += [f"- {name}: **{v['mb_per_session']:.2f} MB per additional session** (server RSS by idle sessions — {pts})"]
    k = mem.get("kiosk", {})
    if not k.get("available"):
        out += [f"- Kiosk soak: not available — {k.get('reason', 'not run')}."]
    elif "browser_heap_growth_mb" in k:
        a, b = k["start"], k["end"]
        out += [
            f"- Kiosk soak ({k['mode']}, `{k['url'].split('/', 3)[-1]}`): {k['advances']:,} of {k['requested']:,} advances in "
            f"{k['seconds']:.0f} s. Browser JS heap {a['js_heap_mb']:.1f} → {b['js_heap_mb']:.1f} MB, DOM nodes {a['dom_nodes']} → "
            f"{b['dom_nodes']}, listeners {a['listeners']} → {b['listeners']}; server RSS {a['server_rss_mb']:.0f} → "
            f"{b['server_rss_mb']:.0f} MB; growth **{k['growth_mb']:.1f} MB** (the larger of the two; goal ≤ 30 MB). "
            f"Websockets opened: {k['websockets_opened']}; server messages during the soak: {k['server_messages_during_soak']}."
        ]
        r = k.get("reruns") or {}
        if r:
            out += [
                f"- Kiosk page re-run on the server {r['runs']} times (what a reload costs): median {_f(r['median_ms'], 0)} ms, "
                f"{r['errors']} errors; server RSS {r['rss_before_mb']:.0f} → {_f(r.get('rss_halfway_mb'), 0)} (halfway) → "
                f"{r['rss_after_mb']:.0f} MB ({r['growth_mb']:+.1f} MB)."
            ]
    else:
        out += [f"- Kiosk soak: {k.get('error')}"]
    return [*out, "", _load_note(results, "memory"), ""]


def main() -> None:
    results = json.loads((OUT / "report.json").read_text())
    (OUT / "report.md").write_text(markdown(results))
    print(OUT / "report.md")


if __name__ == "__main__":
    main()
