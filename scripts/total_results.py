"""Totals the JUnit XML files of the test suites: one closing line `total: N passed, N failed`."""
from __future__ import annotations

import sys
import xml.etree.ElementTree as ET


def main(paths: list) -> int:
    """Print per-suite and total counts; exit 1 when any test failed or errored or none ran."""
    passed = failed = skipped = 0
    for path in paths:
        root = ET.parse(path).getroot()
        for suite in root.iter("testsuite"):
            tests, fail = int(suite.get("tests", 0)), int(suite.get("failures", 0)) + int(suite.get("errors", 0))
            skip = int(suite.get("skipped", 0))
            print(f"{path}: {tests - fail - skip} passed, {fail} failed, {skip} skipped")
            passed, failed, skipped = passed + tests - fail - skip, failed + fail, skipped + skip
    line = f"total: {passed} passed, {failed} failed"
    print(line + (f", {skipped} skipped" if skipped else ""))
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
