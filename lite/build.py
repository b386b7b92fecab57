"""Build the JupyterLite site (`make lite`): the course in the browser, served as static files.

Run with the build tools' Python (.venv-lite, from lite/requirements.txt):

    .venv-lite/bin/python lite/build.py [--out _site]

What it does, offline once the wheels are downloaded (`--download` fetches them from the
package index by exact pin, which `make lite` does once per change of the pins):

1. Stages a lite dir in build/lite/: the notebooks with the Pyodide kernel named in their
   metadata (the committed notebooks keep `python3`), jupyter-lite.json and
   jupyter_lite_config.json from lite/, and static/pyodide/ with the Pyodide core files from
   the npm `pyodide` package (lite/package-lock.json), so the kernel boots with no CDN.
2. Rewrites Pyodide's pyodide-lock.json: every package the kernel boot and the course need
   is served by the site itself as a pinned pure wheel (sha256 recomputed: the index's
   wheels are not byte-identical to Pyodide's builds); the course wheel and its pinned
   dependencies are added as lock entries, so `import demandlab` in a lesson's first cell
   loads them through Pyodide's import hook, with no install cell in the notebooks. Every
   other entry (numpy above all) points at Pyodide's CDN by absolute URL.
3. Runs `jupyter lite build` into --out and makes the site's front page open lesson 00.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import zipfile
from email.parser import Parser
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name, parse_wheel_filename

ROOT = Path(__file__).resolve().parents[1]
LITE = ROOT / "lite"
STAGE = ROOT / "build" / "lite"
WHEEL_CACHE = ROOT / "build" / "lite-wheels"
PYODIDE_NPM = LITE / "node_modules" / "pyodide"
LANDING = "00-start-here.ipynb"

# Only these files of the npm package are loaded by the kernel; the rest (pyodide.js, type
# declarations, source maps, console pages) would only make the site bigger.
PYODIDE_CORE = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip"]
# What the kernel itself loads at boot (jupyterlite-pyodide-kernel's worker), from Pyodide's lock.
KERNEL_BOOT = ["micropip", "ipython", "jedi"]
# Lock packages the course's own wheels need besides the kernel's (plotly needs both).
COURSE_FROM_LOCK = ["narwhals", "packaging", "typing-extensions", "traitlets"]
# The kernel's own wheels, shipped inside its labextension; listed in the lock so that
# loadPyodide prefetches them in parallel instead of the worker installing one by one.
KERNEL_EXT_PYPI = "extensions/@jupyterlite/pyodide-kernel-extension/static/pypi"
# widgetsnbextension is the classic notebook's front end, dead weight in a browser kernel
# (2.2 MB): ipywidgets gets the kernel extension's empty 4.0.999 stand-in instead.
KERNEL_WHEELS = ["piplite", "pyodide_kernel", "ipykernel", "widgetsnbextension-4.0.999"]
PRELOAD = ["micropip", "piplite", "ipykernel", "comm", "pyodide-kernel", "ipython", "jedi"]
PYODIDE_KERNEL = {"name": "python", "display_name": "Python (Pyodide)", "language": "python"}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_pins(path: Path) -> list[str]:
    lines = (raw.split("#", 1)[0].strip() for raw in path.read_text().splitlines())
    return [line for line in lines if line]


def pyodide_version() -> str:
    return json.loads((PYODIDE_NPM / "package.json").read_text())["version"]


def cdn_base() -> str:
    return f"https://cdn.jsdelivr.net/pyodide/v{pyodide_version()}/full/"


def lock_closure(packages: dict, roots: list[str]) -> list[str]:
    seen: list[str] = []
    todo = [canonicalize_name(r) for r in roots]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.append(name)
        todo += [canonicalize_name(d) for d in packages[name]["depends"]]
    return sorted(seen)


def wanted_wheels() -> list[str]:
    """Exact pins of every pure wheel the site serves, besides the course's own."""
    lock = json.loads((PYODIDE_NPM / "pyodide-lock.json").read_text())["packages"]
    from_lock = lock_closure(lock, KERNEL_BOOT + COURSE_FROM_LOCK)
    pins = [f"{name}=={lock[name]['version']}" for name in from_lock]
    return pins + read_pins(LITE / "wheels.txt")


def download(python: str) -> None:
    """Fetch the pinned pure wheels into build/lite-wheels (the only step that needs an index)."""
    WHEEL_CACHE.mkdir(parents=True, exist_ok=True)
    reqs = WHEEL_CACHE / "requirements.txt"
    reqs.write_text("\n".join(wanted_wheels()) + "\n")
    subprocess.run(
        [python, "-m", "pip", "download", "--quiet", "--disable-pip-version-check", "--no-deps",
         "--only-binary=:all:", "--platform", "any", "--implementation", "py", "--abi", "none",
         "--python-version", "3.14", "-d", str(WHEEL_CACHE), "-r", str(reqs)],
        check=True,
    )  # fmt: skip


def cached_wheel(pin: str) -> Path:
    req = Requirement(pin)
    version = next(iter(req.specifier)).version
    for whl in WHEEL_CACHE.glob("*.whl"):
        name, ver, _, tags = parse_wheel_filename(whl.name)
        if name == canonicalize_name(req.name) and str(ver) == version:
            assert any(t.platform == "any" and t.abi == "none" for t in tags), whl
            return whl
    raise SystemExit(f"{pin}: no wheel in {WHEEL_CACHE}; run `make lite` (it downloads them)")


def wheel_metadata(whl: Path) -> tuple[list[str], list[str]]:
    """(top-level import names, names of unconditional dependencies) of a wheel."""
    with zipfile.ZipFile(whl) as zf:
        names = zf.namelist()
        meta_name = next(n for n in names if n.endswith(".dist-info/METADATA"))
        meta = Parser().parsestr(zf.read(meta_name).decode())
    imports = sorted(
        {n.split("/", 1)[0] for n in names if "/" in n and n.split("/", 1)[0].isidentifier()}
        | {n[:-3] for n in names if "/" not in n and n.endswith(".py")}
    )
    depends = []
    for raw in meta.get_all("Requires-Dist") or []:
        req = Requirement(raw)
        env = {
            "python_version": "3.14",
            "sys_platform": "emscripten",
            "platform_system": "Emscripten",
        }
        if req.marker and not req.marker.evaluate({**env, "extra": ""}):
            continue
        depends.append(canonicalize_name(req.name))
    return imports, depends


def build_course_wheel(python: str) -> Path:
    out = STAGE / "course-wheel"
    shutil.rmtree(out, ignore_errors=True)
    subprocess.run(
        [python, "-m", "pip", "wheel", "--quiet", "--disable-pip-version-check", "--no-deps",
         "--no-build-isolation", "-w", str(out), str(ROOT)],
        check=True,
    )  # fmt: skip
    shutil.rmtree(ROOT / "build" / "lib", ignore_errors=True)
    return next(out.glob("demandlab-*.whl"))


def lock_entry(whl: Path, sha: str, file_name: str) -> dict:
    name, version, _, _ = parse_wheel_filename(whl.name)
    imports, depends = wheel_metadata(whl)
    return {
        "name": str(name),
        "version": str(version),
        "file_name": file_name,
        "install_dir": "site",
        "sha256": sha,
        "package_type": "package",
        "imports": imports,
        "depends": depends,
        "unvendored_tests": False,
    }


def stage_pyodide(course_wheel: Path, kernel_pypi: Path) -> dict:
    """static/pyodide/ in the stage: core files, served wheels, and the rewritten lock."""
    dest = STAGE / "static" / "pyodide"
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    for name in PYODIDE_CORE:
        shutil.copy2(PYODIDE_NPM / name, dest / name)
    lock = json.loads((PYODIDE_NPM / "pyodide-lock.json").read_text())
    packages = lock["packages"]
    served = []
    for pin in wanted_wheels():
        whl = cached_wheel(pin)
        shutil.copy2(whl, dest / whl.name)
        name = canonicalize_name(Requirement(pin).name)
        if name in packages:  # Pyodide's own entry: same version, the index's bytes
            packages[name].update(file_name=whl.name, sha256=sha256(whl))
        else:
            packages[name] = lock_entry(whl, sha256(whl), whl.name)
        served.append(str(name))
    shutil.copy2(course_wheel, dest / course_wheel.name)
    packages["demandlab"] = lock_entry(course_wheel, sha256(course_wheel), course_wheel.name)
    served.append("demandlab")
    for stem in KERNEL_WHEELS:
        pattern = f"{stem}-py3-none-any.whl" if "-" in stem else f"{stem}-*-py3-none-any.whl"
        whl = next(kernel_pypi.glob(pattern))
        name = str(parse_wheel_filename(whl.name)[0])
        # Served where the kernel extension already puts them (relative to this folder).
        packages[name] = lock_entry(whl, sha256(whl), f"../../{KERNEL_EXT_PYPI}/{whl.name}")
        served.append(name)
    cdn = cdn_base()
    for name, pkg in packages.items():
        if name not in served:
            pkg["file_name"] = cdn + pkg["file_name"]
    missing = {
        f"{name} -> {dep}"
        for name in served
        for dep in packages[name]["depends"]
        if canonicalize_name(dep) not in packages
    }
    if missing:
        raise SystemExit(f"lock entries depend on packages nobody serves: {sorted(missing)}")
    (dest / "pyodide-lock.json").write_text(json.dumps(lock, separators=(",", ":")))
    return packages


def stage_contents() -> None:
    dest = STAGE / "files"
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    for src in sorted((ROOT / "notebooks").glob("*.ipynb")):
        nb = json.loads(src.read_text())
        nb["metadata"]["kernelspec"] = PYODIDE_KERNEL
        (dest / src.name).write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n")


def landing_page(out: Path) -> None:
    """The site's front page opens lesson 00 in JupyterLab (JupyterLite's own goes to ./lab).

    Every app page reads its settings from this file's ``jupyter-config-data`` element, so
    only the redirect script changes.
    """
    index = out / "index.html"
    html = index.read_text()
    old = "await import('./config-utils.js');"
    assert old in html, f"{index}: JupyterLite's redirect script changed; update landing_page()"
    index.write_text(html.replace(old, f"location.replace('./lab/index.html?path={LANDING}');"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--out", type=Path, default=ROOT / "_site")
    parser.add_argument("--download", action="store_true", help="fetch the pinned wheels first")
    parser.add_argument("--download-only", action="store_true", help="fetch them, build nothing")
    args = parser.parse_args(argv)
    python = sys.executable
    if not (PYODIDE_NPM / "pyodide.asm.wasm").exists():
        raise SystemExit(f"{PYODIDE_NPM} is missing: run `npm ci --prefix lite` (make lite does)")
    if args.download or args.download_only:
        download(python)
    if args.download_only:
        return 0
    shutil.rmtree(STAGE, ignore_errors=True)
    STAGE.mkdir(parents=True)
    for name in ("jupyter-lite.json", "jupyter_lite_config.json"):
        shutil.copy2(LITE / name, STAGE / name)
    # The same JupyterLab settings as Binder, make lab and the hub (no news toast, no update
    # check); `jupyter lite build` merges them into settingsOverrides.
    shutil.copy2(ROOT / "binder" / "overrides.json", STAGE / "overrides.json")
    stage_contents()
    course_wheel = build_course_wheel(python)
    kernel_pypi = (
        Path(sys.prefix) / "share" / "jupyter" / "labextensions" / KERNEL_EXT_PYPI.split("/", 1)[1]
    )
    stage_pyodide(course_wheel, kernel_pypi)
    out = args.out.resolve()
    shutil.rmtree(out, ignore_errors=True)
    subprocess.run(
        [str(Path(python).with_name("jupyter")), "lite", "build", "--lite-dir", str(STAGE),
         "--contents", str(STAGE / "files"), "--output-dir", str(out)],
        check=True,
        cwd=STAGE,
    )  # fmt: skip
    landing_page(out)
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    files = sum(1 for p in out.rglob("*") if p.is_file())
    print(f"built {out.relative_to(ROOT)}: {size / 1e6:.1f} MB in {files} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
