"""What the recommended fixes would give, measured before anyone changes the app: a prototype, not shipped code.

The profiles (section 2) put most of a chart page's server time in Altair's `chart.to_dict()` (JSON-schema
validation, deep copies, a Protocol isinstance check per leaf value) under Streamlit's process-wide
`_altair_globals_lock`, and most of the map pages' bytes in pydeck's JSON, which pydeck indents (`indent=2`:
~277 KB for the district map; ~62 KB without the indentation). This module starts a server with both fixed
*from the outside* — a sitecustomize.py on PYTHONPATH that (1) memoises the Vega-Lite spec of each
`components.widgets.show_chart` call by (key, name, language, description, the chart's data), as a cached spec
in the app would, and (2) serialises pydeck's JSON without indentation — and measures it exactly as section 2
does, side by side with the unchanged app in the same run. The app's files are not touched.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from bench import server_time
from bench.common import Server

SITECUSTOMIZE = r"""
import contextvars, copy, importlib.abc, importlib.util, sys

_key = contextvars.ContextVar("ordos_bench_chart_key", default=None)
_specs = {}

def _patch_vega():
    from streamlit.elements import vega_charts
    convert = vega_charts._convert_altair_to_vega_lite_spec
    def cached(chart):
        key = _key.get()
        if key is None:
            return convert(chart)
        if key not in _specs:
            _specs[key] = convert(chart)
        return copy.deepcopy(_specs[key])
    vega_charts._convert_altair_to_vega_lite_spec = cached

def _patch_widgets(module):
    import pandas as pd
    show = module.show_chart
    def show_chart(chart, data, name, lang, description, key):
        try:
            digest = int(pd.util.hash_pandas_object(data, index=True).sum()), tuple(map(str, data.columns))
        except Exception:
            return show(chart, data, name, lang, description, key)
        token = _key.set((key, name, lang, description, digest))
        try:
            return show(chart, data, name, lang, description, key)
        finally:
            _key.reset(token)
    module.show_chart = show_chart

def _patch_pydeck():
    import json
    from pydeck.bindings import json_tools
    def serialize(serializable):
        return json.dumps(serializable, sort_keys=True, default=json_tools.default_serialize, separators=(",", ":"))
    json_tools.serialize = serialize

class _After(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name != "components.widgets":
            return None
        sys.meta_path.remove(self)
        try:
            spec = importlib.util.find_spec(name)
        finally:
            sys.meta_path.insert(0, self)
        exec_module = spec.loader.exec_module
        def run(module):
            exec_module(module)
            _patch_vega()
            _patch_widgets(module)
        spec.loader.exec_module = run
        return spec

_patch_pydeck()
sys.meta_path.insert(0, _After())
"""


def prototype_server(name: str = "whatif") -> Server:
    folder = Path(tempfile.mkdtemp(prefix="ordos-bench-whatif-"))
    (folder / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    return Server(name=name, env={"PYTHONPATH": str(folder)})


def compare(app: Server, views: list[tuple[str, str, str]], runs: int, warmup: int) -> dict:
    """Server time and bytes per run of each view: the app as it is (`app`, already running) and the prototype."""
    with prototype_server() as proto:
        fixed = server_time.page_times(proto, views, runs=runs, warmup=warmup)
    current = server_time.page_times(app, views, runs=runs, warmup=warmup)
    return {"current": current, "prototype": fixed}
