"""Serve the built JupyterLite site on 127.0.0.1 and open its REPL in Debian's chromium.

Shared by tests/lite/test_lite_site.py and benchmarks/bench_lite.py. Every request to an
address other than 127.0.0.1 is aborted and recorded, so the test can say exactly what a
participant's browser would have fetched from elsewhere (Pyodide's numpy, from its CDN).
"""

from __future__ import annotations

import http.server
import threading
import time
import urllib.parse
from functools import partial
from pathlib import Path

from tests.browser.harness import HOST, launch_browser, require_chromium  # noqa: F401

REPO = Path(__file__).resolve().parents[2]
SITE = REPO / "_site"
# Chromium refuses a module worker or WebAssembly.instantiateStreaming with the wrong type.
MIME = {
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".json": "application/json",
    ".whl": "application/zip",
    ".zip": "application/zip",
    ".ipynb": "application/json",
}


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **MIME}

    def log_message(self, *args):  # quiet: the test reports what matters
        pass

    def copyfile(self, source, outputfile):
        # Count the body bytes the site sends: what a participant downloads from it.
        super().copyfile(source, outputfile)
        size = source.tell()  # the whole file: this server sends no ranges
        with self.server.lock:
            self.server.served.append((urllib.parse.urlsplit(self.path).path, size))


class SiteServer:
    """``_site`` on 127.0.0.1 at a free port, in a thread of this process."""

    def __init__(self, site: Path = SITE):
        self.site = site
        self.httpd = http.server.ThreadingHTTPServer((HOST, 0), partial(_Handler, directory=site))
        self.httpd.served = []
        self.httpd.lock = threading.Lock()
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://{HOST}:{self.httpd.server_port}"

    @property
    def served(self) -> list[tuple[str, int]]:
        with self.httpd.lock:
            return list(self.httpd.served)

    def reset(self) -> None:
        with self.httpd.lock:
            self.httpd.served.clear()

    def __enter__(self) -> SiteServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class Offline:
    """Abort and record every request whose host is not 127.0.0.1, for one browser context."""

    def __init__(self, context):
        self.blocked: list[str] = []
        context.route("**/*", self._route)

    def _route(self, route):
        url = route.request.url
        host = urllib.parse.urlsplit(url).hostname
        if host == HOST or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()


# Runs one REPL cell: type it into the prompt and run it (Shift+Enter).
def run_cell(page, code: str) -> None:
    prompt = page.locator(".jp-CodeConsole-promptCell .cm-content").last
    prompt.click()
    page.keyboard.insert_text(code)
    page.keyboard.press("Shift+Enter")


def wait_output(page, text: str, timeout_s: float = 120) -> str:
    """Wait until some console output cell shows ``text``; return all output text."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        out = page.locator(".jp-CodeConsole-content .jp-OutputArea-output").all_inner_texts()
        joined = "\n".join(out)
        if text in joined:
            return joined
        page.wait_for_timeout(250)
    raise AssertionError(f"no output with {text!r} after {timeout_s} s; outputs:\n{joined}")


def open_repl(context, base: str, first_code: str):
    """Open the REPL with the Pyodide kernel running ``first_code`` once it is ready."""
    page = context.new_page()
    query = urllib.parse.urlencode({"kernel": "python", "toolbar": "1", "code": first_code})
    page.goto(f"{base}/repl/index.html?{query}")
    return page
