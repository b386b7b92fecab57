"""JupyterLite site: time to a usable kernel and bytes downloaded, median of a few cold loads.

    make lite && .venv/bin/python benchmarks/bench_lite.py [--runs 3]

Each run is a fresh browser context (empty cache) on the REPL app, timed from navigation to
the first output of a cell queued before the kernel existed; the same offline rules as
tests/lite apply (only 127.0.0.1 is reachable). Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.lite.site import SITE, Offline, SiteServer, launch_browser, open_repl, wait_output  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    seconds, boot_bytes = [], []
    with SiteServer() as server, sync_playwright() as pw:
        browser = launch_browser(pw, Path(tempfile.mkdtemp(prefix="bench-lite-")))
        for _ in range(args.runs):
            server.reset()
            context = browser.new_context()
            Offline(context)
            start = time.monotonic()
            page = open_repl(context, server.base, "print('kernel up')")
            wait_output(page, "kernel up", timeout_s=300)
            seconds.append(time.monotonic() - start)
            boot_bytes.append(sum(size for _, size in server.served))
            context.close()
        browser.close()
    site = sum(p.stat().st_size for p in SITE.rglob("*") if p.is_file())
    print(
        json.dumps(
            {
                "site_bytes": site,
                "seconds_to_kernel": [round(s, 1) for s in seconds],
                "median_seconds_to_kernel": round(statistics.median(seconds), 1),
                "kernel_boot_bytes": statistics.median(boot_bytes),
            },
            indent=2,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
