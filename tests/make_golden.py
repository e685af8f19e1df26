"""Regenerate tests/golden/: the sample's whole site, built reproducibly (`make golden`)."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent
sys.path.insert(0, str(TESTS.parent))

from digest.build import build  # noqa: E402

GOLDEN_EPOCH = "1700000000"


def build_golden(work: Path) -> Path:
    """Build the sample project under `work` with a fixed time and return the output folder."""
    from tests.conftest import make_project

    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = GOLDEN_EPOCH
    try:
        project = make_project(work / "golden-project")
        return build(project / "site.yml", out=work / "golden-site").output
    finally:
        if saved is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved


def main() -> int:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        out = build_golden(Path(tmp))
        golden = TESTS / "golden"
        shutil.rmtree(golden, ignore_errors=True)
        shutil.copytree(out, golden)
    print(f"wrote {golden}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
