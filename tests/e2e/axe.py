"""axe-core, run in the browser against the page as a person sees it.

axe is defined in the page with page.evaluate, which the page's Content Security
Policy does not apply to, so the CSP stays on and is tested at the same time.
Every run is recorded, so the session ends with the pages checked and the rules
that passed.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Page

AXE_PATH = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.2 AA, as UK public sector bodies must meet, and everything it builds on.
TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")
LEDGER = pytest.StashKey["AxeLedger"]()

RUN_AXE = """async (tags) => {
  const results = await axe.run(document, {
    runOnly: { type: "tag", values: tags },
    resultTypes: ["violations"],
  });
  const nodes = (rule) => rule.nodes.map((node) => ({
    target: node.target.map(String).join(" "),
    html: node.html,
    summary: node.failureSummary || "",
  }));
  const ids = (rules) => rules.map((rule) => rule.id);
  return {
    version: axe.version,
    violations: results.violations.map((rule) => ({
      id: rule.id, impact: rule.impact, help: rule.help, url: rule.helpUrl, nodes: nodes(rule),
    })),
    passes: ids(results.passes),
    incomplete: ids(results.incomplete),
    inapplicable: ids(results.inapplicable),
  };
}"""


@functools.cache
def axe_source() -> str:
    if not AXE_PATH.exists():
        pytest.fail(
            "node_modules/axe-core is missing: the browser tests run axe-core from npm. "
            "Run `make test`, or `npm ci`."
        )
    return AXE_PATH.read_text(encoding="utf-8")


@dataclass
class AxeLedger:
    """What every axe run in the session found."""

    version: str = ""
    pages: dict[str, str] = field(default_factory=dict)  # name -> URL
    passed: set[str] = field(default_factory=set)
    incomplete: set[str] = field(default_factory=set)
    applicable: set[str] = field(default_factory=set)
    inapplicable: set[str] = field(default_factory=set)
    violations: int = 0

    def record(self, name: str, url: str, results: dict) -> None:
        self.version = results["version"]
        self.pages[name] = url
        self.passed.update(results["passes"])
        self.incomplete.update(results["incomplete"])
        self.applicable.update(results["passes"], results["incomplete"])
        self.applicable.update(v["id"] for v in results["violations"])
        self.inapplicable.update(results["inapplicable"])
        self.violations += sum(len(v["nodes"]) for v in results["violations"])

    def summary(self) -> list[str]:
        never_applied = sorted(self.inapplicable - self.applicable)
        review = sorted(self.incomplete - self.passed)
        return [
            f"axe-core {self.version} ({', '.join(TAGS)}): {len(self.pages)} pages checked, "
            f"{self.violations} violations",
            f"rules passed ({len(self.passed)}): {', '.join(sorted(self.passed))}",
            f"rules for manual review only, never passed outright ({len(review)}): "
            f"{', '.join(review) or 'none'}",
            f"rules with nothing to check on these pages ({len(never_applied)}): "
            f"{', '.join(never_applied)}",
        ]


@dataclass
class AxeAudit:
    """Runs axe on each page a test reaches; fails once, at the end, listing every violation."""

    source: str
    ledger: AxeLedger
    violations: list[str] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)

    def check(self, page: Page, name: str) -> None:
        if not page.evaluate("() => typeof window.axe === 'object'"):
            page.evaluate(self.source)
        results = page.evaluate(RUN_AXE, list(TAGS))
        self.ledger.record(name, page.url, results)
        self.checked.append(name)
        self.violations.extend(describe(name, page.url, rule) for rule in results["violations"])

    def assert_clean(self) -> None:
        found, self.violations = self.violations, []
        assert not found, (
            f"axe found {len(found)} accessibility violations "
            f"on {len(self.checked)} pages checked:\n\n" + "\n\n".join(found)
        )


def describe(name: str, url: str, rule: dict) -> str:
    elements = "\n".join(
        f"    element {node['target']}: {node['html'][:160]}\n"
        f"      {node['summary'].replace(chr(10), chr(10) + '      ')}"
        for node in rule["nodes"]
    )
    return (
        f"{rule['id']} ({rule['impact']}) on {name}, {url}\n"
        f"  {rule['help']} ({rule['url']})\n{elements}"
    )
