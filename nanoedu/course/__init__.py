"""The course layer: each lesson's content (predictions, concept checks, exercise) and the
learner's record. No widgets here (``nanoedu.ui`` builds them from this content)."""

from .content import (
    LESSONS,
    Check,
    Exercise,
    Option,
    Part,
    PredictionText,
    check_content,
    exercise,
    lesson_content,
    prediction_text,
)
from .exercises import ExerciseFeedback, check_exercise
from .progress import lesson_summaries, summary_html, summary_text
from .record import FILENAME, RecordError, append_event, progress_path, read_record, record

__all__ = [
    "FILENAME",
    "LESSONS",
    "Check",
    "Exercise",
    "ExerciseFeedback",
    "Option",
    "Part",
    "PredictionText",
    "RecordError",
    "append_event",
    "check_content",
    "check_exercise",
    "exercise",
    "lesson_content",
    "lesson_summaries",
    "prediction_text",
    "progress_path",
    "read_record",
    "record",
    "summary_html",
    "summary_text",
]
