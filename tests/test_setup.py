"""The set-up commands. scripts/system-packages, which `make run`, `make test` and CI use to
install what the PDF engine, the fonts, Poppler and gettext need, runs against stand-ins for
dpkg, apt-get and sudo that record how they were called; `make manage` runs as README prints it."""

import os
import shutil
import subprocess

import pytest

from tests.processes import PROJECT, SETTINGS_VARIABLES

SCRIPT = PROJECT / "scripts" / "system-packages"
INSTALLED = {"gettext", "fonts-dejavu-core"}


@pytest.fixture
def system(tmp_path):
    """A PATH of stand-ins and of the few real commands the script needs (no real sudo or
    apt-get); `run(*packages, root=..., sudo=...)` runs the script with it."""
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    for command in ("bash", "grep"):
        (bin_folder / command).symlink_to(shutil.which(command))
    calls = tmp_path / "calls"

    def stand_in(name: str, body: str) -> None:
        path = bin_folder / name
        path.write_text(f"#!{shutil.which('bash')}\n{body}\n")
        path.chmod(0o755)

    installed = "|".join(INSTALLED)
    stand_in(
        "dpkg-query", f'case "${{@: -1}}" in {installed}) echo "install ok installed";; *) exit 1;; esac'
    )
    stand_in("apt-get", f'echo "apt-get $*" >> {calls}')
    stand_in("env", f'echo "env $1" >> {calls}; shift; "$@"')

    def run(*packages: str, root: bool, sudo: bool) -> tuple[subprocess.CompletedProcess, list[str]]:
        stand_in("id", f"echo {0 if root else 1000}")
        if sudo:
            stand_in("sudo", f'echo "sudo" >> {calls}; "$@"')
        result = subprocess.run(
            [shutil.which("bash"), SCRIPT, *packages],
            env={"PATH": str(bin_folder)},
            capture_output=True,
            text=True,
            timeout=30,
        )
        return result, calls.read_text().splitlines() if calls.exists() else []

    return run


def test_nothing_is_installed_when_everything_is_there(system):
    result, calls = system("gettext", "fonts-dejavu-core", root=True, sudo=False)

    assert result.returncode == 0
    assert result.stdout == "" and calls == []


def test_as_root_the_missing_packages_are_installed_and_named(system):
    result, calls = system("gettext", "libpango-1.0-0", "poppler-utils", root=True, sudo=False)

    assert result.returncode == 0, result.stderr
    assert "Installing the missing system packages: libpango-1.0-0 poppler-utils" in result.stdout
    assert calls == [
        "apt-get update -qq",
        "env DEBIAN_FRONTEND=noninteractive",
        "apt-get install -y -qq libpango-1.0-0 poppler-utils",
    ]


def test_another_user_installs_them_through_sudo(system):
    result, calls = system("poppler-utils", root=False, sudo=True)

    assert result.returncode == 0, result.stderr
    assert "Installing the missing system packages with sudo: poppler-utils" in result.stdout
    assert calls[0] == "sudo" and "apt-get install -y -qq poppler-utils" in calls


def test_without_root_or_sudo_it_stops_with_the_command_to_run(system):
    result, calls = system("poppler-utils", root=False, sudo=False)

    assert result.returncode == 1
    assert "apt-get install -y poppler-utils" in result.stdout
    assert calls == []


def test_make_manage_runs_a_command_as_printed_in_the_readme_without_a_secret_key():
    environment = {key: value for key, value in os.environ.items() if key not in SETTINGS_VARIABLES}
    result = subprocess.run(
        ["make", "-s", "manage", "ARGS=check"],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
