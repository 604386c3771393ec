"""nn.demo: the README's main command, its options, its files, and the 98% it must reach."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from nn import accuracy
from nn.demo import TARGET_ACCURACY, main, make_data, parse_args, train

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_the_default_moons_demo_reaches_98_percent():
    args = parse_args(["--no-progress"])
    assert (args.dataset, args.samples, args.hidden, args.steps) == ("moons", 100, [16, 16], 100)
    X, y = make_data(args)
    model, history = train(args, X, y)
    assert model.nouts == [16, 16, 1]
    assert len(history["loss"]) == 100
    assert accuracy(model, X, y) >= TARGET_ACCURACY == 0.98


def test_demo_writes_the_three_pictures(tmp_path, capsys):
    pytest.importorskip("matplotlib")
    out = tmp_path / "out"
    code = main(["--out", str(out), "--steps", "3", "--samples", "20", "--no-progress"])
    assert code == 0
    printed = capsys.readouterr().out
    assert "final loss" in printed and "training accuracy" in printed
    assert (out / "decision_boundary.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (out / "loss_curve.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = (out / "neuron_graph.svg").read_text()
    assert "<svg" in svg and "grad" in svg and "w0" in svg


@pytest.mark.parametrize("dataset", ["spirals", "blobs", "circles", "xor"])
def test_other_data_sets(tmp_path, capsys, dataset):
    args = ["--out", str(tmp_path), "--dataset", dataset, "--steps", "2", "--samples", "24"]
    assert main([*args, "--hidden", "4", "--activation", "tanh", "--no-progress"]) == 0
    printed = capsys.readouterr().out
    assert f"{dataset}: 24 points" in printed
    assert ("cross-entropy" in printed) == (dataset in ("spirals", "blobs"))


@pytest.mark.parametrize(
    "argv",
    [
        ["--dataset", "iris"],
        ["--hidden", "16,0"],
        ["--hidden", "a,b"],
        ["--steps", "0"],
        ["--samples", "-3"],
        ["--batch-size", "x"],
    ],
)
def test_bad_options_exit_with_a_usage_error(argv, capsys):
    with pytest.raises(SystemExit) as info:
        parse_args(argv)
    assert info.value.code == 2
    assert "python -m nn.demo" in capsys.readouterr().err


def test_runs_as_a_module():
    result = subprocess.run(
        [sys.executable, "-m", "nn.demo", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "--dataset" in result.stdout and "--out" in result.stdout
