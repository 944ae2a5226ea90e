"""Static plotly figure builders, one module per topic (``course.figures.<topic>``).

A builder takes model results (or calls the models) and returns a ``go.Figure`` in the course style,
often with a one-sentence text alternative. No widgets here: :mod:`course.ui` wraps the explorers'
figures in :class:`course.ui.plot.PlotView` and updates them; notebooks show the static ones directly.
"""
