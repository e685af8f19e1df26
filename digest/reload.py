"""The preview web server: the built site with the livereload script injected, and the reload WebSocket."""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from livereload.handlers import LiveReloadJSHandler
from tornado import httputil, web, websocket

from digest.jsonld import script_json

HEAD_END = b"</head>"

# Loads livereload.js from the server the page came from, whatever host and port that is (as livereload does).
RELOAD_SCRIPT = (
    b'<script>(function(){var s=document.createElement("script");'
    b'var port=window.location.port||(window.location.protocol=="https:"?443:80);'
    b's.src="//"+window.location.hostname+":"+port+"/livereload.js?port="+port;'
    b"document.head.appendChild(s);})();</script>"
)

PROTOCOL = "http://livereload.com/protocols/official-7"


class ReloadHub:
    """The browsers listening on the livereload WebSocket; tells every one of them to reload."""

    def __init__(self) -> None:
        self.sockets: set[ReloadSocket] = set()

    def reload(self, path: str = "*") -> int:
        """Send `reload` to every browser, however soon after the last one; return how many were told."""
        # livereload's own LiveReloadHandler drops a change that comes within DEFAULT_RELOAD_TIME (3 s) of the
        # previous reload (python-livereload #161, #264); this hub has no such gate: every rebuild reloads.
        message = json.dumps({"command": "reload", "path": path, "liveCSS": False, "liveImg": False})
        told = 0
        for socket in list(self.sockets):
            try:
                socket.write_message(message)
                told += 1
            except websocket.WebSocketClosedError:
                self.sockets.discard(socket)
        return told


class ReloadSocket(websocket.WebSocketHandler):
    """One browser speaking the livereload protocol: hello, hello back, then `reload` on every rebuild."""

    def initialize(self, hub: ReloadHub) -> None:
        """Keep the hub that will tell this browser to reload."""
        self.hub = hub

    def on_message(self, message: str | bytes) -> None:
        """Answer livereload's hello and start listening; ignore every other message."""
        try:
            data = json.loads(message)
        except ValueError:
            return
        command = data.get("command") if isinstance(data, dict) else None
        if command == "hello":
            self.write_message(json.dumps({"command": "hello", "protocols": [PROTOCOL], "serverName": "digest"}))
            # Listening starts at the handshake: `info` (sent by livereload.js next) is optional in the protocol.
            self.hub.sockets.add(self)

    def on_close(self) -> None:
        """Stop telling this browser to reload."""
        self.hub.sockets.discard(self)


class PreviewState:
    """What the server shows: the built site, or the error page of the last failed build."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        """Folder holding the last good build."""
        self.error_page: bytes | None = None
        """The page shown for every address while the last build has failed."""
        self.notice = b""
        """Script showing the warnings about the files saved last, put in every page beside the reload script."""


def notice_script(lines: Sequence[str]) -> bytes:
    """Return a script that pins `lines` (warnings about the files just saved) to the bottom of the page."""
    if not lines:
        return b""
    text = "digest: problems in the files you saved\n" + "\n".join(lines)
    literal = script_json(text)  # textContent, never innerHTML: the warnings are shown as text
    return (
        '<script>(function(){var d=document.createElement("div");d.id="digest-serve-notice";'
        'd.setAttribute("role","alert");d.style.cssText="position:fixed;left:0;right:0;bottom:0;z-index:2147483647;'
        "background:#fff3cd;color:#332600;border-top:3px solid #c99a00;padding:.6rem 1rem;margin:0;"
        'font:14px/1.45 ui-monospace,monospace;white-space:pre-wrap;max-height:40vh;overflow:auto";'
        f"d.textContent={literal};"
        'var show=function(){document.body.appendChild(d);};'
        'if(document.body){show();}else{document.addEventListener("DOMContentLoaded",show);}})();</script>'
    ).encode()


def error_page(title: str, problems: Sequence[str], detail: str = "") -> bytes:
    """Return the HTML page shown while the site cannot be built; every text in it is escaped."""
    items = "\n".join(f"<li><code>{html.escape(p)}</code></li>" for p in problems)
    extra = f"<pre>{html.escape(detail)}</pre>" if detail else ""
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Build failed — digest</title>
<style>
body {{ font: 16px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; }}
h1 {{ color: #a40000; font-size: 1.4rem; }}
code, pre {{ font: 14px/1.4 ui-monospace, monospace; white-space: pre-wrap; }}
li {{ margin: .5rem 0; }}
pre {{ background: #f4f4f4; padding: 1rem; overflow-x: auto; }}
</style>
</head>
<body>
<h1>{html.escape(title)}</h1>
<ul class="problems">
{items}
</ul>
{extra}
<p>Fix the file and save: this page reloads by itself.</p>
</body>
</html>
"""
    return page.encode("utf-8")


class InjectReloadScript(web.OutputTransform):
    """Put the livereload script (and the notice of the state, if any) before `</head>` of every HTML response."""

    state: PreviewState | None = None

    def transform_first_chunk(
        self, status_code: int, headers: httputil.HTTPHeaders, chunk: bytes, finishing: bool
    ) -> tuple[int, httputil.HTTPHeaders, bytes]:
        """Insert the scripts before `</head>` of an HTML response, and count them in its Content-Length."""
        if "html" in headers.get("Content-Type", "") and HEAD_END in chunk:
            script = RELOAD_SCRIPT + (self.state.notice if self.state is not None else b"")
            chunk = chunk.replace(HEAD_END, script + HEAD_END, 1)
            if "Content-Length" in headers:
                headers["Content-Length"] = str(int(headers["Content-Length"]) + len(script))
        return status_code, headers, chunk


class SiteHandler(web.StaticFileHandler):
    """Serve the built site, never cached (it changes on every save), or the error page of a failed build."""

    def initialize(self, state: PreviewState) -> None:  # type: ignore[override]
        """Serve the files of the preview's folder (index.html for a folder)."""
        super().initialize(path=str(state.folder), default_filename="index.html")
        self.state = state

    async def get(self, path: str, include_body: bool = True) -> None:
        """Send the file, or the error page while the last build has failed."""
        if self.state.error_page is not None:
            self.set_status(500)
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.set_header("Cache-Control", "no-store")
            if include_body:
                self.write(self.state.error_page)
            return
        await super().get(path, include_body)

    def compute_etag(self) -> str | None:
        """Return no ETag: a browser must never keep a page of the preview."""
        return None

    def should_return_304(self) -> bool:
        """Return False: every request gets the file afresh."""
        return False

    def set_extra_headers(self, path: str) -> None:
        """Forbid caching of every file."""
        self.set_header("Cache-Control", "no-store")

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        """Send the site's own 404.html for a missing page; tornado's page for any other error."""
        missing = self.state.folder / "404.html"
        if status_code == 404 and missing.is_file():
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.finish(missing.read_bytes())
            return
        super().write_error(status_code, **kwargs)


def make_application(state: PreviewState, hub: ReloadHub) -> web.Application:
    """Return the tornado application of the preview: livereload's endpoints, then the site."""

    class InjectIntoThisPreview(InjectReloadScript):
        """The script transform bound to this preview's state (tornado makes one transform per request)."""

    InjectIntoThisPreview.state = state
    return web.Application(
        [
            (r"/livereload", ReloadSocket, {"hub": hub}),
            (r"/livereload\.js", LiveReloadJSHandler),
            (r"/(.*)", SiteHandler, {"state": state}),
        ],
        transforms=[InjectIntoThisPreview],
        log_function=lambda handler: None,
    )
