"""The README documents every setting and every command (derived from the one list of each)."""
from __future__ import annotations

import importlib

import pytest

from bot.commands import COMMAND_MODULES
from bot.settings import REPO_ROOT, SETTINGS, markdown_table

README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.name)
def test_every_setting_is_documented_in_the_readme(setting) -> None:
    assert f"`{setting.name}`" in README, f"{setting.name} is missing from README.md"


def test_readme_settings_table_is_the_generated_one() -> None:
    # Regenerate with: .venv/bin/privacybot settings --markdown
    assert markdown_table() in README, "README settings table is stale: paste `privacybot settings --markdown`"


@pytest.mark.parametrize("module_name", COMMAND_MODULES)
def test_every_command_is_documented_in_the_readme(module_name: str) -> None:
    module = importlib.import_module(f"bot.commands.{module_name}")
    assert f"privacybot {module.NAME}" in README, f"`privacybot {module.NAME}` is missing from README.md"
    assert "not implemented" not in module.HELP


def test_every_dependency_is_explained_in_the_readme() -> None:
    import re

    import tomli

    project = tomli.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        requirements.extend(extra)
    names = [re.match(r"[A-Za-z0-9_.-]+", req).group(0) for req in requirements]
    missing = [n for n in names if f"`{n}`" not in README]
    assert not missing, f"dependencies without a reason in README.md: {missing}"
