"""The real-browser harness shared by ``tests/browser`` and ``benchmarks/bench_browser.py``: servers on
127.0.0.1 (JupyterLab, Voilà) and page helpers (JupyterLab / Voilà selectors, waits on conditions)."""
