"""Assertions shared by the codemod tests: exact before/after pairs and no-op cases.

Imported by name (``from codemod_pairs import ...``): pytest puts this directory on ``sys.path``.
Nothing is normalised: bytes are compared as they are.
"""

from __future__ import annotations

from legacy2tf2.migrator.engine import RewriteResult, check_source, rewrite_source


def _bytes(source: str | bytes) -> bytes:
    return source.encode() if isinstance(source, str) else source


def assert_pair(
    before: str | bytes, after: str | bytes, codes: tuple[str, ...] = ()
) -> RewriteResult:
    """``before`` rewrites to exactly ``after`` with findings of ``codes`` (in position order).

    Also: the rewrite of ``after`` is ``after`` (idempotent, no finding but those that remain),
    ``after`` compiles, and ``check`` finds nothing to rewrite in ``after`` any more.
    """
    old, new = _bytes(before), _bytes(after)
    result = rewrite_source(old, "case.py")
    assert result.source.decode(errors="replace") == new.decode(errors="replace")
    assert result.source == new
    assert result.changed is (old != new)
    assert [f.code for f in result.findings] == list(codes)
    again = rewrite_source(new, "case.py")
    assert again.source == new
    assert again.changed is False
    compile(new, "case.py", "exec")
    assert not [
        f for f in check_source(new, "case.py") if f.code == "L2T001" and "rewrite" in f.message
    ]
    return result


def assert_noop(source: str | bytes, codes: tuple[str, ...] = ()) -> RewriteResult:
    """``source`` comes back as the very same object, with findings of ``codes``."""
    data = _bytes(source)
    result = rewrite_source(data, "case.py")
    assert result.source is data
    assert result.changed is False
    assert [f.code for f in result.findings] == list(codes)
    return result
