"""``--full``: Python 2.7's ``argparse.ArgumentParser(version=...)``, which Python 3 refuses.

Python 2.7's argparse (Lib/argparse.py, ``ArgumentParser.__init__``): "if self.version:
self.add_argument('-v', '--version', action='version', default=SUPPRESS,
version=self.version, help=_("show program's version number and exit"))", after ``-h``. A TF 0.x
POS tagger (``argparse.ArgumentParser(version='1.0', description=...)``) stopped on Python 3
with "unexpected keyword argument 'version'".
"""

from __future__ import annotations

from pathlib import Path

import pytest

from legacy2tf2.migrator.py2_argparse import fix_parser_versions
from tests.e2e.helpers import python

HEAD = "import argparse\n"


def fix(body: str) -> tuple[str, list[str]]:
    new, changes = fix_parser_versions((HEAD + body).encode())
    text = new.decode()
    assert text.startswith(HEAD)
    return text[len(HEAD) :], [code for _line, _col, code, _msg in changes]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "parser = argparse.ArgumentParser(version='1.0', description='Tagger.')\n",
            "parser = argparse.ArgumentParser(description='Tagger.'); "
            "parser.add_argument('-v', '--version', action='version', version='1.0')\n",
        ),
        (
            "def main():\n    self.p = argparse.ArgumentParser(prog='x', version=VERSION)\n",
            "def main():\n    self.p = argparse.ArgumentParser(prog='x'); "
            "self.p.add_argument('-v', '--version', action='version', version=VERSION)\n",
        ),
        (
            "p = argparse.ArgumentParser(version='%(prog)s 2')\n",
            "p = argparse.ArgumentParser(); "
            "p.add_argument('-v', '--version', action='version', version='%(prog)s 2')\n",
        ),
    ],
)
def test_parser_version_becomes_its_version_argument(before: str, after: str) -> None:
    assert fix(before) == (after, ["L2T022"])
    assert fix(after) == (after, [])


@pytest.mark.parametrize(
    "body",
    [
        "parser = argparse.ArgumentParser(description='x')\n",
        "return_parser(argparse.ArgumentParser(version='1.0'))\n",  # not assigned: left
        "a = b = argparse.ArgumentParser(version='1.0')\n",
        "class ArgumentParser:\n    pass\np = ArgumentParser(version='1.0')\n",
        "parser.add_argument('--version', action='version', version='1.0')\n",
    ],
)
def test_other_calls_are_left(body: str) -> None:
    assert fix(body) == (body, [])


PROGRAM = """\
import argparse
parser = argparse.ArgumentParser(version='1.0', description='Train a neural POS tagger.')
parser.add_argument('-n', dest='n', default=3)
args = parser.parse_args()
print('n=%s' % args.n)
"""


def test_python_2_parser_runs_with_python_2_7s_version_arguments(tmp_path: Path) -> None:
    (tmp_path / "tagger.py").write_text(PROGRAM)
    done = python("-m", "legacy2tf2", "rewrite", "--full", "tagger.py", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert python("tagger.py", "-n", "5", cwd=tmp_path).stdout == "n=5\n"
    for flag in ("-v", "--version"):
        shown = python("tagger.py", flag, cwd=tmp_path)
        assert (shown.returncode, shown.stdout) == (0, "1.0\n")
    usage = python("tagger.py", "-h", cwd=tmp_path).stdout
    assert "usage: tagger.py [-h] [-v] [-n N]" in usage
    assert "-v, --version  show program's version number and exit" in usage
