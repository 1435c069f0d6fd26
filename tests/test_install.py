"""mailgate installed the way production installs it — a wheel built from the source,
not an editable checkout — finds everything it ships: `mailgate check-config` run from
outside the checkout renders every template.

Two layouts: `pip install --prefix` (the interpreter's own prefix is elsewhere, so
nothing may be looked up relative to it) and the virtual environment docs/production.md
recommends (/opt/mailgate).  Both are built offline from a copy of the source, with the
test environment's setuptools and dependencies."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mailgate.notify.templates import TEMPLATE_NAMES
from tests.support.config import make_toml
from tests.support.environment import REPO

pytestmark = pytest.mark.slow


def _source(tmp_path: Path) -> Path:
    """The files a wheel is built from, copied: building writes into the source tree."""
    src = tmp_path / "src"
    shutil.copytree(
        REPO / "mailgate", src / "mailgate", ignore=shutil.ignore_patterns("__pycache__")
    )
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, src / name)
    return src


def _wheel(tmp_path: Path) -> Path:
    """A wheel built from a copy of the source, offline: no index, no build environment
    to download (the test environment's setuptools), no dependencies."""
    dist = tmp_path / "dist"
    _pip("wheel", "--quiet", "--no-deps", "--no-build-isolation", "--no-index", "-w", str(dist),
         str(_source(tmp_path)))  # fmt: skip
    [wheel] = dist.glob("mailgate-*.whl")
    return wheel


def _install_args(wheel: Path) -> list[str]:
    # --ignore-installed: pip must not uninstall the test environment's own mailgate.
    return ["install", "--quiet", "--no-deps", "--no-index", "--ignore-installed", str(wheel)]


def _pip(*args: str) -> None:
    p = subprocess.run(
        [sys.executable, "-m", "pip", *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert p.returncode == 0, p.stdout + p.stderr


def _check_config(
    command: Path, tmp_path: Path, env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    conf = elsewhere / "mailgate.toml"
    conf.write_text(make_toml(elsewhere))
    return subprocess.run(
        [str(command), "--config", str(conf), "check-config"],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env=env,
        timeout=120,
        check=False,
    )


def _imported_from(python: Path, env: dict[str, str], cwd: Path) -> Path:
    p = subprocess.run(
        [str(python), "-c", "import mailgate; print(mailgate.__file__)"],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=60,
        check=True,
    )
    return Path(p.stdout.strip()).parent


def _shipped(package: Path) -> set[str]:
    root = package / "templates"
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


def _clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    return env | extra


def test_a_prefix_install_finds_every_template_from_outside_the_checkout(
    tmp_path: Path,
) -> None:
    prefix = tmp_path / "usr-local"
    _pip(*_install_args(_wheel(tmp_path)), "--prefix", str(prefix))
    [site] = prefix.glob("lib/python3*/site-packages")
    env = _clean_env(PYTHONPATH=str(site))
    package = _imported_from(Path(sys.executable), env, tmp_path)
    assert package == site / "mailgate", "the test must run the installed copy"
    assert _shipped(package) == _shipped(REPO / "mailgate")
    p = _check_config(prefix / "bin" / "mailgate", tmp_path, env)
    assert p.returncode == 0, p.stderr
    assert ": OK (" in p.stdout


def test_a_virtual_environment_install_finds_every_template(tmp_path: Path) -> None:
    venv = tmp_path / "opt" / "mailgate"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    _pip("--python", str(venv / "bin" / "python"), *_install_args(_wheel(tmp_path)))
    [site] = venv.glob("lib/python3*/site-packages")
    # The dependencies from the test environment, without its editable mailgate: a .pth
    # line adds a directory, not the .pth files in it.
    [deps] = [Path(p) for p in sys.path if p.endswith("site-packages") and Path(p).is_dir()][:1]
    (site / "deps.pth").write_text(f"{deps}\n")
    env = _clean_env()
    package = _imported_from(venv / "bin" / "python", env, tmp_path)
    assert package == site / "mailgate"
    # The language folders (ko, fa, th …) hold translations of the same templates.
    folders = [p.name for p in (package / "templates").iterdir() if p.is_dir()]
    assert sorted(f for f in folders if len(f) > 3) == sorted(TEMPLATE_NAMES)
    assert (package / "templates" / "fa" / "rating_request" / "body.html").is_file()
    p = _check_config(venv / "bin" / "mailgate", tmp_path, env)
    assert p.returncode == 0, p.stderr
    assert ": OK (" in p.stdout
