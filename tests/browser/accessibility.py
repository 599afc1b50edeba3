"""axe-core in the page under test: the accessibility check every browser test can call.

axe-core comes from the npm registry, pinned by tests/browser/package-lock.json and installed
by `make test` (`npm ci --prefix tests/browser`). Only serious and critical violations fail a
test: axe's minor and moderate findings are often matters of taste (a region without a
landmark, a heading that could be shorter) that need a person to judge.
"""

from pathlib import Path

import pytest

from tests.conftest import require_service

AXE_JS = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
FAILING_IMPACTS = ("serious", "critical")
NODES_SHOWN = 5


def require_axe() -> None:
    """Skip without axe-core installed, except under CI, where that is a failure."""
    if not AXE_JS.exists():
        require_service("axe-core", f"{AXE_JS} is missing (npm ci --prefix tests/browser)")


def accessibility_violations(page) -> list[str]:
    """axe's serious and critical violations on the page as loaded, one readable text each."""
    require_axe()
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE_JS))
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        _describe(violation)
        for violation in results["violations"]
        if violation["impact"] in FAILING_IMPACTS
    ]


def assert_accessible(page) -> None:
    """Fail with every serious or critical axe-core violation of the page, if it has any."""
    violations = accessibility_violations(page)
    if violations:
        pytest.fail(f"axe-core found on {page.url}:\n" + "\n".join(violations), pytrace=False)


def _describe(violation: dict) -> str:
    lines = [f"- {violation['id']} ({violation['impact']}): {violation['help']}"]
    lines.append(f"  {violation['helpUrl']}")
    for node in violation["nodes"][:NODES_SHOWN]:
        summary = " ".join(node.get("failureSummary", "").split())
        lines.append(f"  at {', '.join(map(str, node['target']))}: {summary}")
        lines.append(f"     {node['html'][:160]}")
    hidden = len(violation["nodes"]) - NODES_SHOWN
    if hidden > 0:
        lines.append(f"  and {hidden} more")
    return "\n".join(lines)
