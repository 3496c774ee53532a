"""Data sets, the CSV loader and the sufficient statistics."""

from __future__ import annotations

import numpy as np
import pytest

from trainers import DataError, load_csv, synthetic
from trainers.sufficient_stats import SufficientStats


def test_synthetic_matches_the_post_setup() -> None:
    data = synthetic()
    assert data.n == 50
    assert np.all((data.x >= 0) & (data.x < 1))
    # float32 values, exactly on the line y = 0.6x + 0.8 in float32 arithmetic
    assert np.array_equal(data.x.astype(np.float32).astype(np.float64), data.x)
    expected = (data.x.astype(np.float32) * np.float32(0.6) + np.float32(0.8)).astype(np.float64)
    assert np.array_equal(data.y, expected)
    assert data.true_line == (0.6, 0.8)


def test_synthetic_is_reproducible_and_seeded() -> None:
    assert np.array_equal(synthetic(seed=3).x, synthetic(seed=3).x)
    assert not np.array_equal(synthetic(seed=3).x, synthetic(seed=4).x)
    noisy = synthetic(noise=0.1, seed=1)
    assert not np.allclose(noisy.y, 0.6 * noisy.x + 0.8, atol=1e-3)


@pytest.mark.parametrize(
    "kwargs, words",
    [({"n": 1}, "at least 2"), ({"noise": -1.0}, "negative"), ({"slope": float("nan")}, "finite")],
)
def test_synthetic_rejects_bad_settings(kwargs: dict, words: str) -> None:
    with pytest.raises(DataError, match=words):
        synthetic(**kwargs)


def test_stats_give_mse_and_gradient_of_the_points() -> None:
    rng = np.random.default_rng(7)
    x = rng.normal(3.0, 2.0, 1000)
    y = -1.5 * x + 4.0 + rng.normal(0, 0.5, 1000)
    stats = SufficientStats.from_points(x, y)
    for w, b in [(0.0, 0.0), (-1.5, 4.0), (2.0, -3.0)]:
        err = w * x + b - y
        assert stats.mse(w, b) == pytest.approx(np.mean(err**2), rel=1e-12)
        gw, gb = stats.gradient(w, b)
        assert gw == pytest.approx(2 * np.mean(err * x), rel=1e-10, abs=1e-12)
        assert gb == pytest.approx(2 * np.mean(err), rel=1e-10, abs=1e-12)
    assert stats.mean_xx == pytest.approx(np.mean(x * x))
    assert stats.mean_xy == pytest.approx(np.mean(x * y))
    assert stats.mean_yy == pytest.approx(np.mean(y * y))
    slope, intercept = np.polyfit(x, y, 1)
    assert stats.optimum == pytest.approx((slope, intercept), rel=1e-10)
    assert stats.mse(*stats.optimum) == pytest.approx(stats.residual)


def test_mse_stays_accurate_and_positive_near_a_perfect_fit() -> None:
    x = np.array([0.0, 0.25, 0.5, 1.0])
    stats = SufficientStats.from_points(x, 2.0 * x + 1.0)  # exactly on y = 2x + 1
    assert stats.optimum == (2.0, 1.0) and stats.residual == 0.0
    # 1e-9 off the optimum the loss is ~1e-18; the raw-moment formula would return rounding noise.
    loss = stats.mse(2.0 + 1e-9, 1.0)
    assert loss == pytest.approx(np.mean((1e-9 * x) ** 2), rel=1e-9)
    w, b = 2.0 + 1e-9, 1.0
    s = stats
    raw = w * w * s.mean_xx + 2 * w * b * s.mean_x + b * b - 2 * w * s.mean_xy - 2 * b * s.mean_y
    raw += s.mean_yy
    assert raw != pytest.approx(loss, rel=0.5, abs=0)  # the textbook expansion is lost in rounding


def test_csv_with_and_without_header(tmp_path) -> None:
    plain = tmp_path / "plain.csv"
    plain.write_text("0.5,1.1\n0.25,0.95\n\n0.75,1.25\n")
    data = load_csv(plain)
    assert data.x.tolist() == [0.5, 0.25, 0.75]
    assert data.y.tolist() == [1.1, 0.95, 1.25]
    named = tmp_path / "named.csv"
    named.write_text("label,y,x\na,1.1,0.5\nb,0.95,0.25\n")
    data = load_csv(named)
    assert data.x.tolist() == [0.5, 0.25]
    assert data.y.tolist() == [1.1, 0.95]
    assert len(data.checksum) == 64


@pytest.mark.parametrize(
    "content, words",
    [
        ("", "no data rows"),
        ("x,y\n", "at least 2"),
        ("x,y\n1,2\n", "at least 2"),
        ("a,b\n1,2\n3,4\n", "header without columns named x and y"),
        ("1,2\n3\n", "line 2 .* should hold x and y"),
        ("1,2\n3,oops\n", "line 2 .* y = 'oops' is not a finite number"),
        ("1,2\n3,nan\n", "line 2 .* y = 'nan'"),
        ("1,2\n1,3\n", "all x values are equal"),
    ],
)
def test_bad_csv_is_named(tmp_path, content: str, words: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(content)
    with pytest.raises(DataError, match=words):
        load_csv(path)


def test_missing_or_binary_csv(tmp_path) -> None:
    with pytest.raises(DataError, match="does not exist"):
        load_csv(tmp_path / "nope.csv")
    binary = tmp_path / "b.csv"
    binary.write_bytes(b"\xff\xfe\x00\x81")
    with pytest.raises(DataError, match="not UTF-8"):
        load_csv(binary)
    with pytest.raises(DataError, match="folder"):
        load_csv(tmp_path)


@pytest.mark.parametrize(
    "kwargs, words", [({"n": 2.5}, "whole number"), ({"seed": -1}, "seed"), ({"n": True}, "whole")]
)
def test_synthetic_rejects_bad_counts(kwargs: dict, words: str) -> None:
    with pytest.raises(DataError, match=words):
        synthetic(**kwargs)


def test_large_clean_and_messy_csv_read_the_same(tmp_path) -> None:
    rng = np.random.default_rng(3)
    x = rng.random(5000)
    y = 2 * x - 1
    clean = tmp_path / "clean.csv"
    rows = [(repr(float(a)), repr(float(b))) for a, b in zip(x, y, strict=True)]
    clean.write_text("# made by a test\nx,y\n" + "".join(f"{a},{b}\n" for a, b in rows))
    messy = tmp_path / "messy.csv"  # quoted cells and CRLF: the careful reader's job
    messy.write_text('"x","y"\r\n' + "".join(f'"{a}","{b}"\r\n' for a, b in rows))
    for path in (clean, messy):
        data = load_csv(path)
        np.testing.assert_array_equal(data.x, x)
        np.testing.assert_array_equal(data.y, y)
