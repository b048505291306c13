"""What a learner sees: controls from parameter metadata, dashboards, quizzes, figure style.

Imports matplotlib and ipywidgets; the models never import this package.
"""

from ..course import check_exercise
from .barrier_dashboards import brain_dashboard, pressure_dashboard, shuttle_dashboard
from .class_view import class_view
from .controls import control_for
from .design_dashboards import DesignDashboard, design_dashboard
from .pattern import Dashboard, dashboard_factory
from .quiz import MultipleChoice, NumericQuestion, Prediction, concept_check, predict
from .release_dashboards import fitting_dashboard, heating_dashboard, release_dashboard
from .size_dashboards import biodistribution_dashboard, diffusion_dashboard, size_dashboard
from .style import COMPARTMENT_COLOURS, PALETTE
from .targeting_dashboards import avidity_dashboard, penetration_dashboard, targeting_dashboard
from .theranostic_dashboards import cohort_dashboard, scanner_dashboard, strategy_dashboard
from .translation_dashboards import species_dashboard


def dashboard_titles() -> frozenset[str]:
    """The title of every lesson dashboard (the first line of its plain-text output, by which
    a stored lesson's dashboard outputs are found), read from the declarations without
    building a dashboard."""
    return frozenset(globals()[n].title for n in __all__ if n.endswith("_dashboard"))


__all__ = [
    "COMPARTMENT_COLOURS",
    "Dashboard",
    "DesignDashboard",
    "MultipleChoice",
    "NumericQuestion",
    "Prediction",
    "check_exercise",
    "class_view",
    "concept_check",
    "predict",
    "PALETTE",
    "avidity_dashboard",
    "brain_dashboard",
    "cohort_dashboard",
    "pressure_dashboard",
    "shuttle_dashboard",
    "penetration_dashboard",
    "targeting_dashboard",
    "biodistribution_dashboard",
    "control_for",
    "dashboard_titles",
    "dashboard_factory",
    "design_dashboard",
    "diffusion_dashboard",
    "fitting_dashboard",
    "heating_dashboard",
    "release_dashboard",
    "scanner_dashboard",
    "size_dashboard",
    "species_dashboard",
    "strategy_dashboard",
]
