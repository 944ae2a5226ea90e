"""Predict → observe → explain items of notebook 02 (contraction); answered by the course's models."""

from __future__ import annotations

from course.predictions._base import Prediction

__all__ = ["ITEMS"]


#: The items of notebook 02, in order.
ITEMS: tuple[Prediction, ...] = (
)
