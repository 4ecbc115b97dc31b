"""`benchmarks.run --rewrite` writes RESULTS.md again from the last run's figures (after
FINDINGS.md was edited): it must say when the figures were measured, not when it rewrote."""

import json

from benchmarks.run import main


def test_a_rewrite_keeps_the_time_of_the_run_it_rewrites(tmp_path) -> None:
    (tmp_path / "tiny.db").write_bytes(b"")  # only its presence is checked
    figure = {"name": "6. Reports", "ours": [20.0, 22.0], "reference": [10.0, 11.0],
              "goal": "at most 3× the bare queries", "met": True, "ratio_text": "2.0×"}
    (tmp_path / "tiny-figures.json").write_text(json.dumps(
        {"figures": [figure], "runs": 2, "seconds": 12.5,
         "finished": "2026-12-02T09:47:00+00:00"}), encoding="utf-8")
    output = tmp_path / "RESULTS.md"
    assert main(["--name", "tiny", "--data", str(tmp_path), "--output", str(output),
                 "--rewrite"]) == 0
    text = output.read_text(encoding="utf-8")
    assert "Run on 02/12/2026 09:47 UTC" in text
    assert "| 6. Reports | 21 ms" in text and "| yes |" in text
