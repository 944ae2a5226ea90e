"""Reference solutions of the course models by ``scipy.integrate.solve_ivp``, for tests and benchmarks, and
the real-browser harness (``reference.browser``) both use.

Neither under ``tests/`` (the benchmarks use it too) nor inside the ``course`` package: scipy is a test
dependency, never a run-time one, and this package is not installed with the course
(``[tool.setuptools.packages.find]`` includes ``course*`` only). Tests and benchmarks import it from the
repository root: pytest puts the root on ``sys.path`` (``tests`` is a package), the benchmark scripts do
it themselves.
"""
