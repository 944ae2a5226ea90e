"""Without Chromium the browser tests skip with a how-to message, except under CI=true, where they fail."""

from __future__ import annotations

import pytest

from tests.browser import conftest as gate


def test_missing_chromium_skips_with_instructions(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match=r"apt-get install chromium"):
        gate._unavailable("Chromium was not found")


def test_missing_chromium_fails_under_ci(monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match=r"CI=true: browser tests must run"):
        gate._unavailable("Chromium was not found")


def test_chromium_path_honours_course_chromium(monkeypatch, tmp_path):
    fake = tmp_path / "chromium"
    fake.write_text("")
    monkeypatch.setenv("COURSE_CHROMIUM", str(fake))
    assert gate.chromium_path() == str(fake)
