"""`privacybot train` shows one line per training stage, not rasa's warnings and progress bars."""
from __future__ import annotations

import io

from bot.commands.train import StageReporter, output_lines

RASA_OUTPUT = (
    b"/x/site-packages/rasa/core/tracker_store.py:1044: MovedIn20Warning: Deprecated API features detected!\n"
    b"  Base: DeclarativeMeta = declarative_base()\n"
    b"/x/pkg_resources/__init__.py:3117: DeprecationWarning: Deprecated call to `pkg_resources.declare_namespace`\n"
    b"2026-12-05 07:16:33 INFO     rasa.cli.train  - Started validating domain and training data...\n"
    b"2026-12-05 07:16:40 INFO     rasa.validator  - Validating intents...\n"
    b"2026-12-05 07:16:49 INFO     rasa.engine.training.hooks  - Restored component 'RegexFeaturizer' from cache.\n"
    b"2026-12-05 07:17:06 INFO     rasa.engine.training.hooks  - Starting to train component 'DIETClassifier'.\n"
    + b"".join(b"\rEpochs:  %d%%|#  | %d/40 [00:45<29:48, 45.86s/it, t_loss=6.27]" % (i * 2, i) for i in range(40))
    + b"\n2026-12-05 07:19:10 INFO     rasa.engine.training.hooks  - Finished training component 'DIETClassifier'.\n"
    b"Processed trackers: 100%|##########| 80/80 [00:00<00:00, 979.09it/s]\n"
    b"2026-12-05 07:19:58 ERROR    rasa.core.policies  - Something went wrong in a policy\n"
    b"\x1b[92mYour Rasa model is trained and saved at '/tmp/models/20261205-navy-bass.tar.gz'.\x1b[0m\n"
)


def test_training_output_is_one_line_per_stage() -> None:
    console = io.StringIO()
    reporter = StageReporter(console)
    lines = list(output_lines(io.BufferedReader(io.BytesIO(RASA_OUTPUT))))
    assert len(lines) > 45, "every progress-bar redraw is a line of the full log"
    for line in lines:
        reporter.line(line)
    assert console.getvalue().splitlines() == [
        "privacybot: train: checking the domain and training data",
        "privacybot: train: RegexFeaturizer restored from cache",
        "privacybot: train: DIETClassifier trained (0 s)",
        "privacybot: train: 2026-12-05 07:19:58 ERROR    rasa.core.policies  - Something went wrong in a policy",
        "privacybot: train: model saved at /tmp/models/20261205-navy-bass.tar.gz",
    ]
    assert "Warning" not in console.getvalue() and "Epochs" not in console.getvalue()
