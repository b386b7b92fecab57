"""Run inside a lesson's kernel after Run All: push every control to its extremes.

This file's source is appended to a notebook as one extra cell by
tests/test_notebook_runs.py; it prints one JSON line that the test reads. It uses only
the standard library and ipywidgets, so it runs in any lesson's kernel.
"""

import json
import random
import traceback

import ipywidgets as _w
from ipywidgets.widgets.widget import _instances as _live

HOSTILE = '<img src=x onerror=alert(1)> "quotes" & ünïcödé\nsecond line'


def _status_mb(field):
    """VmRSS (now) or VmHWM (peak) of this kernel. Not ru_maxrss: Linux carries that across
    exec, so a kernel started from a big pytest process would report pytest's size."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return -1.0


def _describe(w):
    label = getattr(w, "description", "") or getattr(w, "tooltip", "") or ""
    return f"{type(w).__name__}({label!r})"


def _problems_on_screen():
    """Tracebacks shown anywhere a learner could see them."""
    found = []
    for w in list(_live.values()):
        if isinstance(w, (_w.HTML, _w.HTMLMath, _w.Label)) and "Traceback" in str(w.value):
            found.append(f"{_describe(w)} shows a traceback")
        if isinstance(w, _w.Output):
            for out in w.outputs:
                text = json.dumps(out)
                if out.get("output_type") == "error" or "Traceback" in text:
                    found.append(f"Output widget shows an error: {text[:200]}")
    return found


def _settings(w):
    """Values to try for one control: its extremes (or every option), then its start value."""
    if isinstance(w, _w.Button):
        return ["click"]
    if hasattr(w, "min") and hasattr(w, "max") and hasattr(w, "value"):
        lo, hi = w.min, w.max
        if isinstance(w.value, tuple):  # range sliders
            return [(lo, lo), (hi, hi), (lo, hi)]
        return [lo, hi]
    if hasattr(w, "options") and hasattr(w, "value") and not isinstance(w, _w.SelectMultiple):
        values = [o[1] if isinstance(o, tuple) else o for o in w.options]
        return values[:12]
    if isinstance(w, (_w.Checkbox, _w.ToggleButton)):
        return [not w.value, w.value]
    if isinstance(w, (_w.Text, _w.Textarea)):
        return ["", HOSTILE, "x" * 5000]
    return []


def _apply(w, value):
    if value == "click" and isinstance(w, _w.Button):
        w.click()
    else:
        w.value = value


def sweep(combinations=25, seed=0):
    controls = [
        w
        for w in list(_live.values())
        if isinstance(w, _w.ValueWidget | _w.Button)
        and not isinstance(w, (_w.HTML, _w.HTMLMath, _w.Label, _w.Valid))
        and getattr(w, "disabled", False) is False
        and _settings(w)
    ]
    rss_after_run_all = _status_mb("VmRSS")
    states, problems = 0, []

    def attempt(action, label):
        nonlocal states
        states += 1
        try:
            action()
        except Exception as err:  # the sweep records every failure instead of stopping
            tb = traceback.format_exc(limit=3)
            problems.append(f"{label}: {type(err).__name__}: {err}\n{tb}")
        problems.extend(f"{label}: {p}" for p in _problems_on_screen())

    for w in controls:
        start = None if isinstance(w, _w.Button) else w.value
        for value in _settings(w):
            attempt(lambda w=w, v=value: _apply(w, v), f"{_describe(w)} = {value!r:.60}")
        if start is not None:
            attempt(lambda w=w, v=start: _apply(w, v), f"{_describe(w)} restored")
    # A few combinations: every numeric control at a random extreme at once.
    rng = random.Random(seed)
    numeric = [w for w in controls if hasattr(w, "min") and not isinstance(w.value, tuple)]
    for k in range(combinations if numeric else 0):

        def move_all(k=k):
            for w in numeric:
                w.value = rng.choice([w.min, w.max, w.value])

        attempt(move_all, f"combination {k}")
    peak_mb = _status_mb("VmHWM")
    return {
        "controls": len(controls),
        "states": states,
        "problems": problems,
        "rss_after_run_all_mb": round(rss_after_run_all, 1),
        "peak_rss_mb": round(peak_mb, 1),
    }


if __name__ == "__main__":  # as a notebook cell; never when imported by pytest
    print("SWEEP-RESULT " + json.dumps(sweep()))
