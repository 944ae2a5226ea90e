"""Predict → observe → explain items of notebook 05 (treatment); answered by the course's models."""

from __future__ import annotations

from course.predictions._base import Prediction

__all__ = ["ITEMS"]


#: The items of notebook 05, in order.
ITEMS: tuple[Prediction, ...] = (
)
