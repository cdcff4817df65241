"""RESULTS.md sections: each benchmark rewrites its own and keeps the others."""

from __future__ import annotations

from pathlib import Path

from benchmarks.results import HEADER, write_section


def test_sections_are_kept_and_replaced(tmp_path: Path) -> None:
    path = tmp_path / "RESULTS.md"
    path.write_text("old single-table file\n", encoding="utf-8")
    write_section("extraction", "## Extraction\nF1 0.9", path)
    write_section("scaling", "## Scaling\n1.5x", path)
    write_section("extraction", "## Extraction\nF1 0.95", path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith(HEADER)
    assert "old single-table file" not in text
    assert "F1 0.95" in text and "F1 0.9\n" not in text
    assert "## Scaling\n1.5x" in text
    assert text.index("Extraction") < text.index("Scaling")
    assert text.count("<!-- extraction: begin -->") == 1
