"""Shared machinery for the real-browser suite and the browser benchmark.

A real JupyterLab server (127.0.0.1, random free port, token, scratch config dirs)
and Debian's chromium driven by Playwright's Python package. Never `playwright install`:
the browser is /usr/bin/chromium. Used by tests/browser/conftest.py and
benchmarks/bench_browser.py, so both drive the notebooks in exactly the same way.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
NOTEBOOK_DIR = REPO / "notebooks"
# Screenshots, the server log and report.json (git-ignored); DL_BROWSER_ARTIFACTS moves them.
ARTIFACTS = Path(os.environ.get("DL_BROWSER_ARTIFACTS", REPO / "artifacts" / "browser"))
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# The unsaved-changes dot on a notebook's tab, and how long after opening it may still appear.
DIRTY_JS = "() => !!document.querySelector('.lm-DockPanel-tabBar .lm-TabBar-tab.jp-mod-dirty')"
DIRTY_WINDOW_MS = 5000
# The size the course's figures are designed for (docs/authoring.md: readable at 1366x768).
VIEWPORT = {"width": 1366, "height": 768}
HOST = "127.0.0.1"
# JupyterLab settings: no "Jupyter news?" toast or update check (offline machine), and no
# autosave, so opening a notebook never rewrites the committed file.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
}


SIDE_PANELS_JS = """
() => Object.fromEntries(['left', 'right'].map((side) => {
  const stack = document.querySelector(`#jp-${side}-stack`);
  const tabs = document.querySelectorAll(
    `.jp-SideBar.jp-mod-${side} .lm-TabBar-tab.lm-mod-current`);
  const width = stack && !stack.classList.contains('lm-mod-hidden') ? stack.offsetWidth : 0;
  return [side, tabs.length === 0 && width === 0 ? 'collapsed' : `open (${width} px)`];
}))
"""


def discover_notebooks() -> list[Path]:
    """Every lesson notebook, in course order (new lessons are picked up automatically)."""
    return sorted(NOTEBOOK_DIR.glob("*.ipynb"))


def free_port(host: str = HOST) -> int:
    """A free port below the ephemeral range (deploy/loadtest.py says why)."""
    from tests.roomhub import loadtest

    return loadtest.free_port()


class LabServer:
    """A JupyterLab server owned by this process: started with a token, stopped by its PID.

    Every Jupyter/IPython directory points into a scratch temp dir, so nothing lands in
    $HOME, and `root_dir` is the repository so notebooks open as ``notebooks/NN-x.ipynb``.
    """

    def __init__(
        self,
        python: str = sys.executable,
        root_dir: Path = REPO,
        log: Path | None = None,
        server_config: str | None = None,
    ):
        """``server_config``: Python written to the scratch jupyter_server_config.py
        (the benchmark's experiments use it; the suite runs a stock server)."""
        self.python = python
        self.server_config = server_config
        self.root_dir = Path(root_dir)
        self.token = secrets.token_hex(16)
        self.port = 0
        self.proc: subprocess.Popen | None = None
        self.scratch: Path | None = None
        self.log_path = log
        self._log = None

    @property
    def base(self) -> str:
        return f"http://{HOST}:{self.port}"

    def start(self, timeout_s: float = 90) -> LabServer:
        self.scratch = Path(tempfile.mkdtemp(prefix="demandlab-browser-"))
        for name, data in LAB_SETTINGS.items():
            f = self.scratch / "settings" / f"{name}.jupyterlab-settings"
            f.parent.mkdir(parents=True, exist_ok=True)
            f.write_text(json.dumps(data))
        if self.server_config:
            (self.scratch / "config").mkdir(parents=True, exist_ok=True)
            (self.scratch / "config" / "jupyter_server_config.py").write_text(self.server_config)
        env = dict(
            os.environ,
            JUPYTERLAB_SETTINGS_DIR=str(self.scratch / "settings"),
            JUPYTERLAB_WORKSPACES_DIR=str(self.scratch / "workspaces"),
            JUPYTER_CONFIG_DIR=str(self.scratch / "config"),
            JUPYTER_DATA_DIR=str(self.scratch / "data"),
            JUPYTER_RUNTIME_DIR=str(self.scratch / "runtime"),
            IPYTHONDIR=str(self.scratch / "ipython"),
            XDG_CACHE_HOME=str(self.scratch / "cache"),
            XDG_CONFIG_HOME=str(self.scratch / "xdgconfig"),
            XDG_DATA_HOME=str(self.scratch / "xdgdata"),
            # JupyterLab runs `npm prefix --global` at start; npm writes its log under its
            # cache dir, ~/.npm by default.
            NPM_CONFIG_CACHE=str(self.scratch / "npm"),
            JUPYTER_PLATFORM_DIRS="1",
            PYTHONDONTWRITEBYTECODE="1",
        )
        self.port = free_port()
        if self.log_path is None:
            self.log_path = self.scratch / "jupyterlab.log"
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self._log = open(self.log_path, "w")  # noqa: SIM115 (closed in stop())
        cmd = [
            self.python,
            "-m",
            "jupyterlab",
            "--no-browser",
            f"--ServerApp.ip={HOST}",
            f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={self.root_dir}",
            "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        ]
        if hasattr(os, "getuid") and os.getuid() == 0:
            cmd.append("--allow-root")
        self.proc = subprocess.Popen(
            cmd, env=env, stdout=self._log, stderr=subprocess.STDOUT, cwd=self.root_dir
        )
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                self.api("GET", "/api/status")
                return self
            except (OSError, urllib.error.URLError):
                if self.proc.poll() is not None:
                    self.stop()
                    raise RuntimeError(
                        f"jupyter lab exited with code {self.proc.returncode}; "
                        f"log:\n{self.log_text()[-3000:]}"
                    ) from None
                if time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"jupyter lab did not answer within {timeout_s} s") from None
                time.sleep(0.25)  # polling a starting process (not a wait on page state)

    def log_text(self) -> str:
        try:
            return Path(self.log_path).read_text(errors="replace")
        except OSError:
            return ""

    def api(self, method: str, path: str, data: dict | None = None, timeout_s: float = 60):
        req = urllib.request.Request(
            f"{self.base}{path}",
            method=method,
            data=json.dumps(data).encode() if data is not None else None,
            headers={"Content-Type": "application/json", "Authorization": f"token {self.token}"},
        )
        with urllib.request.urlopen(req, timeout=timeout_s) as r:
            body = r.read()
        return json.loads(body) if body else None

    def start_kernel(self, rel_path: str) -> str:
        """Start the notebook's kernel before the page opens (avoids a racy kernel dialog)."""
        session = self.api(
            "POST",
            "/api/sessions",
            {
                "path": rel_path,
                "name": Path(rel_path).name,
                "type": "notebook",
                "kernel": {"name": "python3"},
            },
        )
        return session["id"]

    def kernel_pid(self, session_id: str) -> int | None:
        """The session's kernel process: the REST API gives the kernel id, and the kernel's
        command line names its connection file, kernel-<id>.json."""
        try:
            kernel_id = self.api("GET", f"/api/sessions/{session_id}")["kernel"]["id"]
        except (OSError, urllib.error.URLError, KeyError, TypeError):
            return None
        for proc in Path("/proc").iterdir():
            if not proc.name.isdigit():
                continue
            try:
                cmdline = (proc / "cmdline").read_bytes()
            except OSError:
                continue
            if f"kernel-{kernel_id}.json".encode() in cmdline:
                return int(proc.name)
        return None

    def stop_session(self, session_id: str) -> None:
        try:
            self.api("DELETE", f"/api/sessions/{session_id}")
        except (OSError, urllib.error.URLError):
            pass

    def lab_url(self, rel_path: str, workspace: str) -> str:
        """URL opening ``rel_path`` in a new workspace ``workspace``, a copy of the server's
        default one: the course's first layout, which demandlab_server seeded (side panels
        collapsed, no notebooks restored), as a learner's first visit has it. Each page gets
        its own workspace so pages never restore each other's notebooks."""
        default = self.api("GET", "/lab/api/workspaces/default")
        self.api(
            "PUT",
            f"/lab/api/workspaces/{workspace}",
            {"data": default["data"], "metadata": {"id": workspace}},
        )
        quoted = urllib.parse.quote(rel_path)
        return f"{self.base}/lab/workspaces/{workspace}/tree/{quoted}?token={self.token}"

    def stop(self) -> None:
        """Stop our own server by its PID (it shuts its kernels down), then remove scratch."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        if self._log is not None:
            self._log.close()
            self._log = None
        if self.scratch is not None:
            shutil.rmtree(self.scratch, ignore_errors=True)

    def __enter__(self) -> LabServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


# --------------------------------------------------------------------------------------------
# In-page helpers. Injected into every page before JupyterLab loads (context.add_init_script),
# so Python asks the live DOM questions with page.wait_for_function / page.evaluate.
# --------------------------------------------------------------------------------------------
PAGE_JS = r"""
(() => {
  if (window.__dl) return;
  const WIDGET_MIME = 'application/vnd.jupyter.widget-view+json';
  const dl = {reprNames: [], sawBusy: false, observer: null, wsSent: [], wsRecv: []};

  // Timestamps of kernel websocket traffic (for the benchmark's breakdown of a redraw).
  const NativeWS = window.WebSocket;
  window.WebSocket = class extends NativeWS {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', () => {
        dl.wsRecv.push(performance.now());
        if (dl.wsRecv.length > 4000) dl.wsRecv.splice(0, 2000);
      });
    }
    send(data) {
      dl.wsSent.push(performance.now());
      if (dl.wsSent.length > 4000) dl.wsSent.splice(0, 2000);
      return super.send(data);
    }
  };

  const panel = () => document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  const notebook = () => { const p = panel(); return p && p.querySelector('.jp-Notebook'); };
  const cellsOf = (nb) =>
    [...nb.querySelectorAll(':scope > .jp-Cell, .jp-WindowedPanel-viewport > .jp-Cell')];
  dl.notebook = notebook;

  // The status bar's "Python 3 (ipykernel) | Idle": 'idle', 'busy', ... once a kernel is
  // attached; 'no kernel' before (the toolbar's execution indicator says idle too early).
  dl.kernelStatus = () => {
    const item = document.querySelector('.jp-StatusBar-TextItem[title^="Change kernel"]');
    if (!item) return null;
    const [name, status] = item.textContent.split(' | ');
    if (!status || name.trim() === 'No Kernel') return 'no kernel';
    return status.trim().toLowerCase();
  };
  dl.prompts = () => {
    const nb = notebook();
    if (!nb) return [];
    return [...nb.querySelectorAll('.jp-CodeCell')].map((cell) => {
      const prompt = cell.querySelector('.jp-InputPrompt');
      const editor = cell.querySelector('.cm-content');
      return {
        prompt: prompt ? prompt.textContent.trim() : '',
        empty: editor ? editor.textContent.trim() === '' : false,
      };
    });
  };
  // Where an element sits, for failure messages: "cell 7 (code: dl.slider_demo())".
  dl.where = (el) => {
    const nb = notebook();
    const cell = el.closest('.jp-Cell');
    if (!nb || !cell) return 'outside the notebook';
    const i = cellsOf(nb).indexOf(cell);
    const src = (cell.querySelector('.cm-content') || {}).textContent || '';
    return `cell ${i + 1} (${src.trim().slice(0, 60)})`;
  };

  // Arm before clicking Run All: remember that execution really started (a [*] prompt or a
  // busy kernel), so a notebook that still shows stale prompts is never taken for finished.
  dl.armRun = () => {
    dl.sawBusy = false;
    const check = () => {
      if (dl.kernelStatus() === 'busy' || dl.prompts().some((p) => p.prompt === '[*]:')) {
        dl.sawBusy = true;
        if (dl.observer) { dl.observer.disconnect(); dl.observer = null; }
      }
    };
    dl.observer = new MutationObserver(check);
    dl.observer.observe(document.body, {subtree: true, childList: true, characterData: true,
                                        attributes: true, attributeFilter: ['data-status']});
  };

  const errorOutputs = (nb) =>
    [...nb.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')];

  // Run All finished: execution started, kernel idle, no [*] left, and every non-empty visible
  // code cell numbered (or an error stopped the run: the remaining cells stay [ ]).
  dl.runDone = () => {
    const nb = notebook();
    if (!nb || !dl.sawBusy || dl.kernelStatus() !== 'idle') return false;
    const ps = dl.prompts();
    if (ps.some((p) => p.prompt === '[*]:')) return false;
    const unrun = ps.filter((p) => !p.empty && p.prompt === '[ ]:');
    return unrun.length === 0 || errorOutputs(nb).length > 0;
  };

  // Plotly: count drawn marks (non-empty paths, images, rects) inside trace groups.
  const plotMarks = (plot) => {
    let n = 0;
    const groups = '.main-svg g.trace, .main-svg g.hm, .main-svg g.contour, .main-svg .imagelayer';
    plot.querySelectorAll(groups)
      .forEach((g) => {
        g.querySelectorAll('path, image, rect').forEach((m) => {
          const d = m.getAttribute('d');
          if (m.tagName.toLowerCase() !== 'path' || (d && d.length > 4 && d !== 'M0,0Z')) n += 1;
        });
      });
    return n;
  };

  // One snapshot of everything a learner would see as broken.
  dl.state = () => {
    const nb = notebook();
    const s = {errors: [], widgetErrors: [], loading: [], fallbacks: [], widgets: 0,
               plots: [], setup: [], phrases: [], dialogs: [], maths: []};
    document.querySelectorAll('.jp-Dialog')
      .forEach((d) => s.dialogs.push(d.textContent.trim().slice(0, 200)));
    if (!nb) return s;
    const repr = dl.reprNames.length
      ? new RegExp("^\\s*'?(?:" + dl.reprNames.join('|') + ")\\(") : null;
    nb.querySelectorAll('.jp-OutputArea-output').forEach((o) => {
      const mime = o.getAttribute('data-mime-type');
      const text = o.textContent.trim();
      if (mime === 'application/vnd.jupyter.stderr') {
        // Lead with the exception line ("ModuleNotFoundError: ..."), not the dashes above it.
        const lines = text.split('\n').map((l) => l.trim()).filter((l) => l);
        const exc = lines.filter((l) => /^[\w.]*(Error|Exception|Warning)\b/.test(l)).pop();
        s.errors.push(`${dl.where(o)}: ${(exc || lines[lines.length - 1] || '').slice(0, 300)}`);
      } else if (mime === 'text/plain' || mime === 'application/vnd.jupyter.stdout') {
        if (repr && repr.test(text)) s.fallbacks.push(`${dl.where(o)}: ${text.slice(0, 120)}`);
      } else if ((mime === null || mime === WIDGET_MIME) && o.classList.contains('lm-Panel')) {
        // ipywidgets' renderer (a Lumino Panel): "Loading widget..." until the view is attached.
        if (o.classList.contains('lm-mod-hidden')) return;  // a closed widget hides its view
        if (text.startsWith('Error displaying widget')) {
          s.widgetErrors.push(`${dl.where(o)}: ${text}`);
        }
        else if (o.querySelector(':scope > .lm-Widget')) s.widgets += 1;  // a live view
        else s.loading.push(`${dl.where(o)}: ${JSON.stringify(text.slice(0, 80))}`);
      }
    });
    nb.querySelectorAll('.js-plotly-plot').forEach((p) => {
      // a figure behind a closed "Show the answer" button is hidden on purpose
      if (p.closest('.dl-solution') && p.getClientRects().length === 0) return;
      const r = p.getBoundingClientRect();
      s.plots.push({where: dl.where(p), marks: plotMarks(p), width: r.width, height: r.height});
    });
    nb.querySelectorAll('.dl-setup-status').forEach((e) => s.setup.push(e.textContent.trim()));
    // The course has no formulas: typeset maths in prose means a "$" price became a
    // MathJax delimiter ("$100 / $40" shown as an italic fraction).
    nb.querySelectorAll('.jp-MarkdownOutput mjx-container, .jp-MarkdownOutput .MathJax')
      .forEach((m) => s.maths.push(`${dl.where(m)}: ${m.textContent.slice(0, 60)}`));
    const all = nb.textContent;
    const phrases = ['Error displaying widget', 'model not found', 'Traceback (most recent call'];
    for (const bad of phrases) {
      if (all.includes(bad)) s.phrases.push(bad);
    }
    return s;
  };
  // Everything that renders asynchronously after the kernel went idle has arrived.
  dl.settled = () => {
    const s = dl.state();
    return s.loading.length === 0 && s.plots.every((p) => p.marks > 0)
      && s.setup.every((t) => t.includes('Widgets render: OK'));
  };

  // The main figure's drawing: every path's d plus every rect's geometry (and image sources).
  dl.figureSignature = () => {
    const nb = notebook();
    if (!nb) return '';
    const parts = [];
    nb.querySelectorAll('.dl-main-figure').forEach((f) => {
      f.querySelectorAll('.main-svg path').forEach((p) => parts.push(p.getAttribute('d') || ''));
      f.querySelectorAll('.main-svg rect').forEach((r) =>
        parts.push(['x', 'y', 'width', 'height'].map((a) => r.getAttribute(a)).join(',')));
      f.querySelectorAll('.main-svg image')
        .forEach((i) => parts.push(i.getAttribute('href') || ''));
    });
    return parts.join('|');
  };

  // Main control: what kind it is, and the element to drive.
  dl.mainControl = () => {
    const nb = notebook();
    const found = nb ? [...nb.querySelectorAll('.dl-main-control')] : [];
    const figures = nb ? nb.querySelectorAll('.dl-main-figure').length : 0;
    const info = {count: found.length, figures, kind: null, classes: found.map((e) => e.className)};
    if (found.length !== 1) return info;
    const c = found[0];
    if (c.querySelector('.noUi-handle')) info.kind = 'slider';
    else if (c.tagName === 'BUTTON') info.kind = 'button';
    else if (c.classList.contains('widget-toggle-buttons')) info.kind = 'toggle';
    else if (c.querySelector('select')) info.kind = 'dropdown';
    return info;
  };

  // Drawn trace marks in the main figure(s): a redraw is complete when it has as many as before.
  dl.mainMarks = () => {
    const nb = notebook();
    let n = 0;
    if (nb) nb.querySelectorAll('.dl-main-figure').forEach((f) => { n += plotMarks(f); });
    return n;
  };

  // Latency probe for the benchmark: from the key press / click (the event's own timestamp,
  // performance.now() clock) to the first DOM mutation after which the main figure's
  // signature differs and it has all its trace marks again (a figure re-displayed in an Output
  // is first removed, then drawn); t2 is the next animation frame after that, about the paint.
  dl.armLatency = (timeoutMs) => {
    const nb = notebook();
    const fig = nb.querySelector('.dl-main-figure');
    const before = dl.figureSignature();
    const marksBefore = dl.mainMarks();
    let t0 = null;
    const onInput = (ev) => { if (t0 === null) t0 = ev.timeStamp; };
    document.addEventListener('keydown', onInput, true);
    document.addEventListener('mousedown', onInput, true);
    dl.pending = new Promise((resolve, reject) => {
      const done = (fn, v) => {
        obs.disconnect(); clearTimeout(timer);
        document.removeEventListener('keydown', onInput, true);
        document.removeEventListener('mousedown', onInput, true);
        fn(v);
      };
      const obs = new MutationObserver(() => {
        if (t0 === null) return;
        const now = dl.figureSignature();
        if (now !== before && now !== '' && dl.mainMarks() >= marksBefore) {
          const t1 = performance.now();
          obs.disconnect();
          // Breakdown: first message sent after the press, first reply after it, and the
          // last message received before the figure changed (the one that redrew it).
          const sent = dl.wsSent.find((t) => t >= t0);
          const first = sent === undefined ? undefined : dl.wsRecv.find((t) => t >= sent);
          const last = dl.wsRecv.filter((t) => t <= t1).pop();
          requestAnimationFrame(() =>
            done(resolve, {t0, t1, t2: performance.now(), sent, first, last}));
        }
      });
      obs.observe(fig, {subtree: true, childList: true, attributes: true, characterData: true});
      const timer = setTimeout(() => done(reject, new Error('figure did not change')), timeoutMs);
    });
    return true;
  };

  window.__dl = dl;
})();
"""


def widget_repr_names() -> list[str]:
    """Class names whose text repr means "a widget shown as text" (front end not working)."""
    names = {"FigureWidget"}
    try:
        import ipywidgets

        try:  # lesson widgets (Quiz, Prediction, probes ...) are subclasses too
            import demandlab  # noqa: F401
        except Exception:  # noqa: BLE001 (a broken env is what the browser test reports)
            pass
        todo = [ipywidgets.Widget]
        while todo:
            cls = todo.pop()
            names.add(cls.__name__)
            todo.extend(cls.__subclasses__())
    except ImportError:
        names.update({"VBox", "HBox", "Box", "IntSlider", "FloatSlider", "Button", "HTML"})
    return sorted(n for n in names if n.isidentifier())


HOSTILE_TEXT = "<img src=x onerror=alert(1)>"
# Console errors JupyterLab itself logs on this offline machine, proven benign, as
# (substring, why it is harmless). Empty: on this machine a clean lesson logs no console error
# at all (5 consecutive full runs). Add an entry only with that proof.
BENIGN_CONSOLE_ERRORS: list[tuple[str, str]] = []
WIDGET_REPR_NAMES = widget_repr_names()


def require_chromium() -> str | None:
    """None if Debian's chromium is installed, else a sentence saying how to install it."""
    if Path(CHROMIUM).exists():
        return None
    return (
        f"{CHROMIUM} is missing: install Debian's chromium (`apt-get install -y chromium`; "
        ".ci/run does this). Never `playwright install`: browser downloads are impossible here."
    )


def launch_browser(pw, scratch: Path):
    """Debian's chromium through Playwright, with its caches in ``scratch`` (never $HOME)."""
    env = dict(
        os.environ,
        XDG_CACHE_HOME=str(scratch / "cache"),
        XDG_CONFIG_HOME=str(scratch / "config"),
        HOME=str(scratch),
    )
    return pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True, env=env)


# The notebook's content height inside its scroller (without JupyterLab's scroll-past-end
# padding) and the scroller's visible height.
CONTENT_HEIGHT_JS = """
e => {
  const cells = e.querySelectorAll('.jp-Cell');
  const last = cells[cells.length - 1];
  const top = e.getBoundingClientRect().top;
  const bottom = last ? last.getBoundingClientRect().bottom - top + e.scrollTop + 20 : 0;
  return [Math.min(e.scrollHeight, Math.ceil(bottom)), e.clientHeight];
}
"""


class NotebookPage:
    """One notebook opened in its own browser context, with its kernel pre-started.

    Collects console errors, page errors and dialogs (alert/confirm) while it lives.
    """

    def __init__(self, browser, server: LabServer, notebook: Path, viewport: dict = VIEWPORT):
        self.server = server
        self.notebook = Path(notebook)
        self.rel = self.notebook.resolve().relative_to(server.root_dir.resolve()).as_posix()
        self.name = self.notebook.stem
        self.context = browser.new_context(viewport=dict(viewport))
        self.context.add_init_script(PAGE_JS)
        self.page = self.context.new_page()
        self.console_errors: list[str] = []
        self.dialogs: list[str] = []
        self.session_id: str | None = None
        self.timings: dict[str, float] = {}
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda e: self.console_errors.append(f"pageerror: {e}"))
        self.page.on("dialog", self._on_dialog)

    def _on_console(self, msg) -> None:
        if msg.type == "error" and not any(b in msg.text for b, _ in BENIGN_CONSOLE_ERRORS):
            loc = msg.location or {}
            first = (msg.text.splitlines() or [""])[0]  # the message, not its stack
            self.console_errors.append(f"console.error: {first} (at {loc.get('url', '?')})")

    def _on_dialog(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    # -- opening and running ------------------------------------------------------------------
    def open(self, timeout_s: float = 90) -> None:
        t = time.monotonic()
        self.session_id = self.server.start_kernel(self.rel)
        self.page.goto(self.server.lab_url(self.rel, f"w-{self.name}-{secrets.token_hex(3)}"))
        self.page.wait_for_function(
            "() => window.__dl.notebook() && window.__dl.kernelStatus() === 'idle'"
            " && document.querySelectorAll('.jp-Notebook .jp-Cell').length > 0",
            timeout=timeout_s * 1000,
            polling=100,
        )
        self.page.evaluate("names => { window.__dl.reprNames = names; }", WIDGET_REPR_NAMES)
        self.timings["open_s"] = time.monotonic() - t
        dialogs = self.state()["dialogs"]
        if dialogs:
            raise AssertionError(f"{self.rel}: a dialog blocks the notebook on open: {dialogs}")

    def side_panels(self) -> dict[str, str]:
        """Each side panel as the page shows it: "collapsed", or "open (N px)"."""
        return self.page.evaluate(SIDE_PANELS_JS)

    def run_all(self, timeout_s: float = 120) -> None:
        """Run → Run All Cells, then wait until the kernel finished every cell."""
        t = time.monotonic()
        self.page.evaluate("() => window.__dl.armRun()")
        self.page.get_by_role("menuitem", name="Run", exact=True).click()
        self.page.locator("li[data-command='runmenu:run-all']").click()
        try:
            self.page.wait_for_function(
                "() => window.__dl.runDone()", timeout=timeout_s * 1000, polling=100
            )
        except Exception as err:  # noqa: BLE001 (re-raised with the page's state)
            prompts = [p["prompt"] for p in self.page.evaluate("() => window.__dl.prompts()")]
            raise AssertionError(
                f"{self.rel}: Run All did not finish within {timeout_s:.0f} s "
                f"(kernel {self.page.evaluate('() => window.__dl.kernelStatus()')!r}, "
                f"prompts {prompts}, dialogs {self.state()['dialogs']})\n" + self.kernel_diagnosis()
            ) from err
        self.timings["run_all_s"] = time.monotonic() - t

    def wait_settled(self, timeout_s: float = 60) -> dict:
        """Wait until widgets, figures and the setup probe finished rendering; return the state.

        On timeout this returns the unsettled state: the caller's assertions name what is stuck.
        """
        t = time.monotonic()
        try:
            self.page.wait_for_function(
                "() => window.__dl.settled()", timeout=timeout_s * 1000, polling=100
            )
        except Exception:  # noqa: BLE001 (the state below says what never rendered)
            pass
        self.timings["settle_s"] = time.monotonic() - t
        return self.state()

    def state(self) -> dict:
        return self.page.evaluate("() => window.__dl.state()")

    def unsaved_mark_appears(self, window_ms: int = DIRTY_WINDOW_MS) -> bool:
        """True as soon as JupyterLab's unsaved-changes dot shows on this notebook's tab;
        False if it stays away for ``window_ms`` (JupyterLab writes a kernel's metadata once
        the kernel connected, well within the window; test_first_minutes' canary shows the
        dot within it by the same code path)."""
        try:
            self.page.wait_for_function(DIRTY_JS, timeout=window_ms, polling=100)
        except Exception:  # noqa: BLE001 (Playwright's timeout: no dot within the window)
            return False
        return True

    def kernel_diagnosis(self) -> str:
        """py-spy dump of this page's kernel (for a run that stalls)."""
        sys.path.insert(0, str(REPO))
        from tests.nbrun import _dump_kernel

        pid = self.server.kernel_pid(self.session_id) if self.session_id else None
        return _dump_kernel(pid)

    # -- the main control ---------------------------------------------------------------------
    def main_control(self) -> dict:
        return self.page.evaluate("() => window.__dl.mainControl()")

    def figure_signature(self) -> str:
        return self.page.evaluate("() => window.__dl.figureSignature()")

    def prepare_main_control(self) -> tuple[str, object]:
        """Scroll the main control into view; return its kind and the element to act on."""
        info = self.main_control()
        if info["count"] != 1:
            raise AssertionError(
                f"{self.rel}: expected exactly one element with class dl-main-control "
                f"(mark_main(...)), found {info['count']}: {info['classes']}"
            )
        if info["figures"] != 1:
            raise AssertionError(
                f"{self.rel}: expected exactly one figure with class dl-main-figure "
                f"(figure_widget(fig, main=True)), found {info['figures']}"
            )
        kind = info["kind"]
        control = self.page.locator(".jp-Notebook .dl-main-control")
        if kind == "slider":
            target = control.locator(".noUi-handle").first
        elif kind == "button":
            target = control
        elif kind == "toggle":
            target = control.locator("button:not(.mod-active)").first
        elif kind == "dropdown":
            target = control.locator("select")
        else:
            raise AssertionError(
                f"{self.rel}: the main control ({info['classes'][0]}) is not a slider, button, "
                "toggle buttons or dropdown; the browser suite cannot drive it"
            )
        target.scroll_into_view_if_needed()
        return kind, target

    def slider_direction(self, handle) -> str:
        """ArrowRight unless the slider sits at its maximum."""
        now, top = handle.get_attribute("aria-valuenow"), handle.get_attribute("aria-valuemax")
        try:
            return "ArrowLeft" if float(now) >= float(top) else "ArrowRight"
        except (TypeError, ValueError):
            return "ArrowRight"

    def actuate(self, kind: str, target, key: str | None = None) -> str:
        """Move the main control one step; returns what was done, for messages."""
        if kind == "slider":
            key = key or self.slider_direction(target)
            target.focus()
            self.page.keyboard.press(key)
            return f"slider {key}"
        if kind in ("button", "toggle"):
            target.click()
            return f"{kind} click"
        if kind == "dropdown":
            options = target.locator("option").all()
            current = target.input_value()
            values = [o.get_attribute("value") for o in options]
            nxt = next((v for v in values if v != current), None)
            if nxt is None:
                raise AssertionError(f"{self.rel}: the main dropdown has a single option")
            target.select_option(nxt)
            return f"dropdown -> {nxt}"
        raise AssertionError(f"{self.rel}: cannot drive a main control of kind {kind!r}")

    def wait_figure_changed(self, before: str, timeout_s: float = 30) -> None:
        self.page.wait_for_function(
            "before => { const s = window.__dl.figureSignature(); return s !== before && s; }",
            arg=before,
            timeout=timeout_s * 1000,
            polling="raf",
        )

    def wait_kernel_idle(self, timeout_s: float = 30) -> None:
        self.page.wait_for_function(
            "() => window.__dl.kernelStatus() === 'idle'", timeout=timeout_s * 1000, polling=50
        )

    # -- screenshots --------------------------------------------------------------------------
    def scroller(self):
        return self.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer")

    def screenshot_pages(self, prefix: str, out_dir: Path = ARTIFACTS) -> list[Path]:
        """The whole notebook as a learner scrolls through it, one viewport per PNG."""
        out_dir.mkdir(parents=True, exist_ok=True)
        for old in out_dir.glob(f"{prefix}-p*.png"):
            old.unlink()
        sc = self.scroller()
        total, view = sc.evaluate(CONTENT_HEIGHT_JS)
        step = max(200, int(view * 0.9))
        paths, top, i = [], 0, 1
        while True:
            sc.evaluate("(e, y) => { e.scrollTop = y; }", top)
            self.page.evaluate("() => new Promise(r => requestAnimationFrame(() => r()))")
            p = out_dir / f"{prefix}-p{i:02d}.png"
            self.page.screenshot(path=str(p))
            paths.append(p)
            if top + view >= total or i >= 60:
                break
            top, i = top + step, i + 1
        sc.evaluate("e => { e.scrollTop = 0; }")
        return paths

    def screenshot_full(self, path: Path) -> Path:
        """One PNG of the whole notebook: grow the viewport to the notebook's full height.

        Only call this last: a resize can make plotly relayout its figures.
        """
        path.parent.mkdir(parents=True, exist_ok=True)
        sc = self.scroller()
        total, view = sc.evaluate(CONTENT_HEIGHT_JS)
        size = self.page.viewport_size
        height = min(size["height"] - view + total + 10, 16000)
        self.page.set_viewport_size({"width": size["width"], "height": int(height)})
        sc.evaluate("e => { e.scrollTop = 0; }")  # from the top, wherever the tests scrolled
        self.page.evaluate(
            "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r())))"
        )
        try:  # figures re-render after a resize; a notebook that never settled still gets its PNG
            self.page.wait_for_function("() => window.__dl.settled()", timeout=30_000, polling=100)
        except Exception:  # noqa: BLE001
            pass
        sc.evaluate("e => { e.scrollTop = 0; }")
        self.page.screenshot(path=str(path), full_page=True)
        self.page.set_viewport_size(size)
        return path

    def close(self) -> None:
        try:
            self.context.close()
        finally:
            if self.session_id:
                self.server.stop_session(self.session_id)
                self.session_id = None


# --------------------------------------------------------------------------------------------
# Checks: each returns a list of sentences naming what a learner would see broken (empty = ok).
# The suite asserts they are empty for every lesson, and that they are NOT empty for a canary
# notebook broken on purpose (so a check that silently stopped looking fails the suite).
# --------------------------------------------------------------------------------------------
def render_problems(nbp: NotebookPage, s: dict, console_errors: list[str]) -> list[str]:
    """Everything broken on the page right after Run All (``s`` is ``nbp.state()``)."""
    problems = [f"error output in {e}" for e in s["errors"]]
    problems += [f"widget failed to display in {e}" for e in s["widgetErrors"]]
    problems += [f"widget never rendered (still {e})" for e in s["loading"]]
    problems += [
        f"widget shown as text, the widget front end is not working: {e}" for e in s["fallbacks"]
    ]
    problems += [f"page shows {p!r}" for p in s["phrases"]]
    problems += [f"dialog open: {d}" for d in s["dialogs"]]
    problems += [f"markdown typeset as maths (escape $ as \\\\$): {m}" for m in s["maths"]]
    # A widget inside a box that fails to load shows nothing at all, only a console error
    # (e.g. "No version of module anywidget is registered"): report those here too.
    problems += [f"while running: {e}" for e in console_errors]
    for p in s["plots"]:
        if p["marks"] == 0:
            problems.append(f"plotly figure in {p['where']} drew no trace")
        elif p["width"] < 100 or p["height"] < 100:
            problems.append(f"plotly figure in {p['where']} is {p['width']}x{p['height']} px")
    for text in s["setup"]:
        if "Widgets render: OK" not in text:
            problems.append(f"setup self-check did not pass in the browser: {text!r}")
    return problems


TEXT_FIELDS = (
    ".jp-Notebook .jp-OutputArea-output input[type=text], "
    ".jp-Notebook .jp-OutputArea-output textarea"
)

# Every text node that shows part of the hostile text, with its element's full text; and any
# element the hostile text could have created.
HOSTILE_JS = r"""
(hostile) => {
  const nb = window.__dl.notebook();
  const shown = [];
  const walker = document.createTreeWalker(nb, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const t = n.textContent;
    if (t.includes('onerror') || t.includes('&lt;') || t.includes('&amp;')) {
      const el = n.parentElement;
      if (el.closest('.jp-InputArea')) continue;  // the notebook's own code, not an output
      const owner = el.closest('.main-svg') ? 'figure' : (el.closest('.dl-message')
        ? 'message area' : 'widget');
      shown.push({where: window.__dl.where(el), owner, text: el.textContent.slice(0, 300)});
    }
  }
  const created = [...nb.querySelectorAll('img, [onerror]')]
    .filter((e) => e.hasAttribute('onerror') || e.getAttribute('src') === 'x')
    .map((e) => `${window.__dl.where(e)}: <${e.tagName.toLowerCase()}>`);
  return {shown, created};
}
"""


def hostile_text_problems(nbp: NotebookPage) -> tuple[int, list[str], list[str]]:
    """Type HOSTILE_TEXT into every text field; (fields, where it showed, problems)."""
    page = nbp.page
    fields = page.locator(TEXT_FIELDS)
    n = fields.count()
    if n == 0:
        return 0, [], []
    for i in range(n):
        field = fields.nth(i)
        field.scroll_into_view_if_needed()
        field.fill(HOSTILE_TEXT)
        if field.evaluate("e => e.tagName") == "INPUT":
            field.press("Enter")
        field.evaluate("e => e.blur()")
    # Barrier: widget messages reach the kernel in order, so once the main control's redraw
    # comes back, the kernel has handled every text change typed before it.
    try:
        kind, target = nbp.prepare_main_control()
        before = nbp.figure_signature()
        nbp.actuate(kind, target)
        nbp.wait_figure_changed(before, timeout_s=30)
    except Exception:  # noqa: BLE001 (the main-control test reports that failure)
        pass
    nbp.wait_kernel_idle()
    found = page.evaluate(HOSTILE_JS, HOSTILE_TEXT)
    problems = [f"the text created an element: {c}" for c in found["created"]]
    problems += [f"a dialog fired: {d}" for d in nbp.dialogs]
    for item in found["shown"]:
        if HOSTILE_TEXT not in item["text"]:
            problems.append(
                f"{item['owner']} in {item['where']} shows the text mangled or double-escaped: "
                f"{item['text']!r}"
            )
    s = nbp.state()
    problems += [f"error output after typing: {e}" for e in s["errors"] + s["widgetErrors"]]
    shown = sorted({f"{i['owner']} in {i['where']}" for i in found["shown"]})
    return n, shown, problems


# A notebook broken on purpose, one way per check (run by the suite's canary test).
CANARY_CELLS = [
    "import ipywidgets as w\nimport plotly.graph_objects as go",
    "print(repr(w.VBox([w.IntSlider()])))  # a widget shown as text",
    "go.FigureWidget()  # a figure with no trace",
    # Learner text into HTML without esc(), and a slider that does drive its figure.
    "name = w.Text(description='Name')\n"
    "shown = w.HTML()\n"
    "size = w.IntSlider(value=1, min=1, max=5)\n"
    "size.add_class('dl-main-control')\n"
    "fig = go.FigureWidget(go.Bar(y=[1, 2]))\n"
    "fig.add_class('dl-main-figure')\n"
    "name.observe(lambda c: setattr(shown, 'value', '<b>' + c['new'] + '</b>'), 'value')\n"
    "size.observe(lambda c: setattr(fig.data[0], 'y', [c['new'], 2]), 'value')\n"
    "w.VBox([name, shown, size, fig])",
    "1 / 0",
]


def write_canary(path: Path) -> Path:
    """Write the broken-on-purpose notebook (with a kernelspec, as lessons have)."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
        "name": "python3",
    }
    nb.cells = [nbformat.v4.new_code_cell(src) for src in CANARY_CELLS]
    # A price written with bare dollar signs, which JupyterLab typesets as maths.
    nb.cells.insert(0, nbformat.v4.new_markdown_cell("Price $100, material $40 per unit."))
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


def write_notebook_cells(path: Path, cells: list[str]) -> Path:
    """Write a scratch notebook of code cells (with a kernelspec, as lessons have)."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
        "name": "python3",
    }
    nb.cells = [nbformat.v4.new_code_cell(src) for src in cells]
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path
