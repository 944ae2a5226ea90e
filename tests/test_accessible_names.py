"""Every explorer carries the invisible widget that names its controls in the page (course.ui._common).

What it does in the browser (slider handles named "K⁺ (mM)" with value text "4.0 mM", radio groups
named by their question) is checked by axe-core in tests/browser/test_axe.py; here only that it is
there, once, last and hidden, and that its script knows the boxes it works in.
"""

from __future__ import annotations

import ipywidgets as widgets

from course.ui._common import A11Y_SCOPE, AccessibleNames, Explorer
from course.ui.welcome import warmup_explorer


def test_every_explorer_ends_with_one_hidden_accessible_names_widget():
    ex = warmup_explorer()
    helpers = [w for w in ex.children if isinstance(w, AccessibleNames)]
    assert helpers == [ex.children[-1]] == [ex.accessible_names]
    assert ex.accessible_names.layout.display == "none"
    assert A11Y_SCOPE[0] in ex._dom_classes


def test_the_script_names_handles_groups_and_inputs_inside_its_own_box():
    esm = AccessibleNames()._esm
    for needed in (".noUi-handle", "aria-label", "aria-valuetext", "radiogroup", "MutationObserver", *A11Y_SCOPE):
        assert needed in esm
    ex = warmup_explorer()
    assert isinstance(ex.children[0], widgets.FloatSlider) and len(ex.children) == 4
    assert isinstance(ex, Explorer) and ex.children[0].description == "Extracellular K⁺ (mM)"


def test_replacing_the_children_keeps_the_naming_widget_last():
    ex = warmup_explorer()
    first = ex.children[0]
    ex.children = [first]
    assert list(ex.children) == [first, ex.accessible_names]
