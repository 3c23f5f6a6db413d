"""A Streamlit client without a browser: Streamlit's own websocket protocol on `/_stcore/stream`.

It does what the browser's frontend does on the wire (checked against Chromium's frames by bench/browser.py):

* connects with the subprotocol `streamlit` (the frontend's first entry of Sec-WebSocket-Protocol);
* opening a page sends `BackMsg{rerun_script: ClientState{query_string, page_name=<url path>, context_info}}`;
* a link to another page (st.page_link, the app's header) sends `page_script_hash` of the target page, taken
  from the `navigation` ForwardMsg, with the link's query string; a language switch or a selection kept in the
  URL is the same message for the current page with a new query string;
* keeps the frontend's ForwardMsg cache: messages marked `metadata.cacheable` are stored by hash, their hashes
  are sent back in `cached_message_hashes`, the server then sends `ref_hash` references, and entries expire
  after `max_cached_message_age` script runs without use, as in the frontend.

A run ends at the `script_finished` ForwardMsg (a FINISHED_EARLY_FOR_RERUN is not the end). A run is an error
if it times out, the connection drops, the script fails to compile, or the page shows an `exception` element.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import re
import socket
import time
from dataclasses import dataclass, field

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

FINISHED_EARLY = ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN
COMPILE_ERROR = ForwardMsg.ScriptFinishedStatus.FINISHED_WITH_COMPILE_ERROR
CONTEXT = {"timezone": "Asia/Shanghai", "timezone_offset": -480, "locale": "zh-CN", "is_embedded": False, "color_scheme": "light"}


@dataclass
class RunResult:
    """What one script run sent back: timing, size, the element signature, and any error."""

    seconds: float = 0.0
    messages: int = 0
    bytes: int = 0
    elements: int = 0
    signature: list[str] = field(default_factory=list)
    payload_hashes: list[str] = field(default_factory=list)
    error: str | None = None
    page_not_found: bool = False
    auto_rerun: list[tuple[float, str]] = field(default_factory=list)


def describe(msg: ForwardMsg) -> str | None:
    """A ForwardMsg as one comparable line: delta kind, element type and delta path (None for housekeeping)."""
    kind = msg.WhichOneof("type")
    path = ".".join(map(str, msg.metadata.delta_path))
    if kind == "delta":
        dkind = msg.delta.WhichOneof("type")
        if dkind == "new_element":
            return f"element:{msg.delta.new_element.WhichOneof('type')}@{path}"
        if dkind == "add_block":
            return f"block:{msg.delta.add_block.WhichOneof('type') or ''}@{path}"
        return f"delta:{dkind}@{path}"
    if kind in ("page_not_found", "auto_rerun", "page_config_changed", "page_info_changed", "logo"):
        return kind
    return None


_VOLATILE = re.compile(r"[0-9a-f]{32}")


def element_digest(msg: ForwardMsg) -> str | None:
    """A digest of one element's content, blind to per-session random ids (e.g. a download's deferred_file_id)."""
    if msg.WhichOneof("type") == "delta" and msg.delta.WhichOneof("type") == "new_element":
        text = _VOLATILE.sub("<id>", str(msg.delta.new_element))
        return hashlib.sha1(text.encode()).hexdigest()[:12]
    return None


class Session:
    """One visitor's connection. `async with Session(ws_base) as s: await s.run(page_name='map', query='lang=en')`."""

    def __init__(self, ws_base: str, timeout: float = 30.0, record: bool = False):
        self.url = f"{ws_base}/_stcore/stream"
        self.origin = ws_base.replace("ws://", "http://")
        self.timeout = timeout
        self.record = record
        self.ws = None
        self.pages: dict[str, str] = {}  # url path -> page_script_hash
        self.current_hash = ""
        self.cache: dict[str, list] = {}  # hash -> [message bytes, age]
        self.max_age = 2
        self._inbox: asyncio.Queue = asyncio.Queue()
        self._reader: asyncio.Task | None = None
        self.bytes_received = 0
        self.cookie: str | None = None  # e.g. a sticky-routing cookie behind nginx
        self.last_text = ""  # the body of the last st.text element received

    async def __aenter__(self) -> Session:
        await self.connect()
        return self

    async def __aexit__(self, *exc) -> None:
        await self.close()

    async def connect(self) -> None:
        self.ws = await asyncio.wait_for(
            connect(
                self.url,
                subprotocols=["streamlit"],
                max_size=None,
                compression=None,
                open_timeout=self.timeout,
                ping_interval=None,
                close_timeout=2,
                origin=self.origin,
                proxy=None,
                additional_headers={"Cookie": self.cookie} if self.cookie else None,
            ),
            self.timeout,
        )
        self._reader = asyncio.create_task(self._read())

    async def close(self) -> None:
        if self._reader:
            self._reader.cancel()
        if self.ws is not None:
            with contextlib.suppress(TimeoutError, OSError, asyncio.CancelledError):
                await asyncio.wait_for(self.ws.close(), 3)

    def _quickack(self) -> None:
        """Acknowledge at once (TCP_QUICKACK) instead of the kernel's delayed ACK.

        Without it this Python client waits ~40 ms in most runs for the server's next frames (measured: the bare
        page's rerun takes ~48 ms; Chromium, whose socket reads do not fall into the delayed-ACK pattern, sees ~20 ms
        and so does this client with quick ACKs), which would charge the client's TCP pattern to the server.
        """
        sock = self.ws.transport.get_extra_info("socket") if self.ws is not None else None
        if sock is not None and hasattr(socket, "TCP_QUICKACK"):
            with contextlib.suppress(OSError):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)

    async def _read(self) -> None:
        try:
            self._quickack()
            async for frame in self.ws:
                self._quickack()
                msg = ForwardMsg()
                msg.ParseFromString(frame)
                self.bytes_received += len(frame)
                await self._inbox.put((msg, len(frame)))
        except Exception as exc:  # the connection dropped: the waiting run reports it
            await self._inbox.put((None, repr(exc)))
            return
        await self._inbox.put((None, "connection closed by server"))

    def _rerun_msg(self, query: str, page_name: str = "", page_hash: str = "", fragment_id: str = "", auto: bool = False) -> bytes:
        back = BackMsg()
        state = back.rerun_script
        state.query_string = query
        state.widget_states.SetInParent()
        if page_hash:
            state.page_script_hash = page_hash
        elif page_name:
            state.page_name = page_name
        if fragment_id:
            state.fragment_id = fragment_id
            state.is_auto_rerun = auto
        state.cached_message_hashes.extend(self.cache)
        ctx = state.context_info
        for key, value in CONTEXT.items():
            setattr(ctx, key, value)
        ctx.url = f"{self.origin}/{page_name}"
        return back.SerializeToString()

    async def run(self, page_name: str | None = None, query: str = "", fragment_id: str = "", auto: bool = False) -> RunResult:
        """One script run: open `page_name` (a url path) or rerun the current page; wait for script_finished.

        A page of this app that the session already knows is reached by its page_script_hash (what a link does);
        an unknown one, or the first page of a session, by its url path (what opening an address does).
        """
        page_hash = ""
        name = ""
        if page_name is None:
            page_hash = self.current_hash
        elif page_name in self.pages:
            page_hash = self.pages[page_name]
        else:
            name = page_name
        result = RunResult()
        started = time.perf_counter()
        await self.ws.send(self._rerun_msg(query, name, page_hash, fragment_id, auto))
        seen: set[str] = set()
        deadline = started + self.timeout
        while True:
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                result.error = "timeout"
                break
            try:
                msg, size = await asyncio.wait_for(self._inbox.get(), remaining)
            except TimeoutError:
                result.error = "timeout"
                break
            if msg is None:
                result.error = f"disconnected: {size}"
                break
            result.messages += 1
            result.bytes += size
            if msg.WhichOneof("type") == "ref_hash":
                cached = self.cache.get(msg.ref_hash)
                if cached is None:
                    result.error = "cache miss"
                    break
                seen.add(msg.ref_hash)
                metadata = msg.metadata
                msg = ForwardMsg()
                msg.ParseFromString(cached[0])
                msg.metadata.CopyFrom(metadata)
            elif msg.metadata.cacheable and msg.hash:
                self.cache[msg.hash] = [msg.SerializeToString(), 0]
                seen.add(msg.hash)
            if self._handle(msg, result):
                break
        result.seconds = time.perf_counter() - started
        if not result.error:
            self._age_cache(seen)
        return result

    def _handle(self, msg: ForwardMsg, result: RunResult) -> bool:
        """Record one message; True when the run is over."""
        kind = msg.WhichOneof("type")
        if self.record:
            line = describe(msg)
            if line:
                result.signature.append(line)
                digest = element_digest(msg)
                if digest:
                    result.payload_hashes.append(digest)
        if kind == "new_session":
            self.max_age = msg.new_session.config.max_cached_message_age or 2
            self.current_hash = msg.new_session.page_script_hash
        elif kind == "navigation":
            self.pages = {page.url_pathname: page.page_script_hash for page in msg.navigation.app_pages}
            if msg.navigation.page_script_hash:
                self.current_hash = msg.navigation.page_script_hash
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            result.elements += 1
            if msg.delta.new_element.WhichOneof("type") == "text":
                self.last_text = msg.delta.new_element.text.body
            if msg.delta.new_element.WhichOneof("type") == "exception" and not result.error:
                result.error = "exception: " + msg.delta.new_element.exception.message[:200]
        elif kind == "page_not_found":
            result.page_not_found = True
        elif kind == "auto_rerun":
            result.auto_rerun.append((msg.auto_rerun.interval, msg.auto_rerun.fragment_id))
        elif kind == "session_event" and msg.session_event.WhichOneof("type") == "script_compilation_exception":
            result.error = "script compilation exception"
        elif kind == "script_finished":
            if msg.script_finished == FINISHED_EARLY:
                return False
            if msg.script_finished == COMPILE_ERROR:
                result.error = result.error or "compile error"
            return True
        return False

    def _age_cache(self, seen: set[str]) -> None:
        for key in list(self.cache):
            entry = self.cache[key]
            entry[1] = 0 if key in seen else entry[1] + 1
            if entry[1] > self.max_age:
                del self.cache[key]


async def http_get(host: str, port: int, path: str, timeout: float = 30.0, cookie: str | None = None) -> int:
    """A plain HTTP/1.1 GET (what the browser asks before it opens the websocket); returns the status code."""
    reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout)
    try:
        extra = f"Cookie: {cookie}\r\n" if cookie else ""
        writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\n{extra}Connection: close\r\n\r\n".encode())
        await writer.drain()
        data = await asyncio.wait_for(reader.read(), timeout)
        return int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/") else 0
    finally:
        writer.close()
