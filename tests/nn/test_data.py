"""nn.data: the toy data sets' geometry, seeding, the split and the minibatches."""

from __future__ import annotations

import numpy as np
import pytest

from nn import (
    make_blobs,
    make_circles,
    make_moons,
    make_spirals,
    make_xor,
    minibatches,
    train_test_split,
)

GENERATORS = {
    "moons": lambda **kw: make_moons(101, noise=0.1, **kw),
    "circles": lambda **kw: make_circles(101, noise=0.1, **kw),
    "spirals": lambda **kw: make_spirals(101, n_classes=4, **kw),
    "xor": lambda **kw: make_xor(101, noise=0.1, **kw),
    "blobs": lambda **kw: make_blobs(101, centers=4, **kw),
}


@pytest.mark.parametrize("name", list(GENERATORS))
def test_shapes_dtypes_and_seeding(name):
    make = GENERATORS[name]
    X, y = make(seed=3)
    assert X.shape == (101, 2) and X.dtype == np.float64
    assert y.shape == (101,) and y.dtype == np.int64
    X2, y2 = make(seed=3)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y, y2)
    X3, _ = make(seed=4)
    assert not np.array_equal(X, X3)
    X4, y4 = make(seed=np.random.default_rng(3))
    assert X4.shape == X.shape and y4.shape == y.shape
    assert not np.array_equal(make()[0], make()[0])  # seed=None: fresh randomness


def test_moons_without_noise_lie_on_two_half_circles():
    X, y = make_moons(100, seed=0)
    assert np.bincount(y).tolist() == [50, 50]
    upper, lower = X[y == 0], X[y == 1]
    np.testing.assert_allclose(np.hypot(upper[:, 0], upper[:, 1]), 1.0, rtol=1e-12)
    assert (upper[:, 1] >= -1e-12).all()
    np.testing.assert_allclose(np.hypot(lower[:, 0] - 1.0, lower[:, 1] - 0.5), 1.0, rtol=1e-12)
    assert (lower[:, 1] <= 0.5 + 1e-12).all()


def test_moons_are_shuffled_and_noise_moves_points():
    X, y = make_moons(100, seed=0)
    assert 0 < y[:50].sum() < 50
    Xn, yn = make_moons(100, noise=0.1, seed=0)
    np.testing.assert_array_equal(y, yn)
    spread = np.std(Xn - X)
    assert 0.07 < spread < 0.13


def test_circles_radii():
    X, y = make_circles(60, factor=0.3, seed=0)
    radii = np.hypot(X[:, 0], X[:, 1])
    np.testing.assert_allclose(radii[y == 0], 1.0, rtol=1e-12)
    np.testing.assert_allclose(radii[y == 1], 0.3, rtol=1e-12)


def test_spirals_arms():
    X, y = make_spirals(300, n_classes=3, noise=0.0, seed=0)
    assert np.bincount(y).tolist() == [100, 100, 100]
    radii = np.hypot(X[:, 0], X[:, 1])
    assert radii.min() > 0.0 and radii.max() == pytest.approx(1.0)
    # without noise, arm k's angle is t = 4 (k + r), with (x, y) = r (sin t, cos t)
    arm = X[y == 2]
    r = np.hypot(arm[:, 0], arm[:, 1])
    t = 4.0 * (2 + r)
    np.testing.assert_allclose(arm, np.column_stack([r * np.sin(t), r * np.cos(t)]), atol=1e-12)


def test_spirals_uneven_split():
    _, y = make_spirals(10, n_classes=3, seed=0)
    assert np.bincount(y).tolist() == [4, 3, 3]


def test_xor_labels():
    X, y = make_xor(200, seed=0)
    np.testing.assert_array_equal(y, ((X[:, 0] > 0) != (X[:, 1] > 0)).astype(int))
    assert (np.abs(X) <= 1.0).all()


def test_blobs_around_given_centers():
    centers = np.array([[-5.0, 0.0], [5.0, 5.0], [0.0, -8.0]])
    X, y = make_blobs(3000, centers=centers, cluster_std=0.5, seed=0)
    for c, center in enumerate(centers):
        np.testing.assert_allclose(X[y == c].mean(axis=0), center, atol=0.05)
        np.testing.assert_allclose(X[y == c].std(axis=0), 0.5, rtol=0.05)


def test_blobs_in_more_dimensions():
    X, y = make_blobs(20, centers=2, n_features=5, seed=0)
    assert X.shape == (20, 5) and set(y.tolist()) == {0, 1}


@pytest.mark.parametrize("make", [make_moons, make_circles, make_spirals, make_xor, make_blobs])
@pytest.mark.parametrize("n", [0, -5, 10.5, True, "100"])
def test_bad_sample_count(make, n):
    with pytest.raises(ValueError, match="n_samples must be an int >="):
        make(n)


@pytest.mark.parametrize("make", [make_moons, make_circles, make_spirals, make_xor])
@pytest.mark.parametrize("noise", [-0.1, float("nan"), "0.1"])
def test_bad_noise(make, noise):
    with pytest.raises(ValueError, match="noise must be a finite number >= 0"):
        make(20, noise=noise)


@pytest.mark.parametrize("make", [make_moons, make_circles, make_spirals, make_xor, make_blobs])
@pytest.mark.parametrize("seed", ["0", 1.5, True])
def test_bad_seed(make, seed):
    with pytest.raises(TypeError, match="seed: expected an int, a numpy Generator or None"):
        make(20, seed=seed)


@pytest.mark.parametrize("factor", [0.0, 1.0, 1.5, -0.2])
def test_bad_circle_factor(factor):
    with pytest.raises(ValueError, match=r"make_circles: factor must be in \(0, 1\)"):
        make_circles(20, factor=factor)


def test_bad_spiral_arguments():
    with pytest.raises(ValueError, match="n_classes must be an int >= 2"):
        make_spirals(20, n_classes=1)
    with pytest.raises(ValueError, match=r"n_samples \(2\) must be at least n_classes \(3\)"):
        make_spirals(2, n_classes=3)


def test_bad_blob_arguments():
    with pytest.raises(ValueError, match="cluster_std must be a finite number >= 0"):
        make_blobs(20, cluster_std=-1.0)
    with pytest.raises(ValueError, match="centers must be a count or a 2-D array"):
        make_blobs(20, centers=[1.0, 2.0])
    with pytest.raises(ValueError, match="center_box must be"):
        make_blobs(20, center_box=(5.0, -5.0))
    with pytest.raises(ValueError, match="centers must be an int >= 1"):
        make_blobs(20, centers=0)
    with pytest.raises(ValueError, match=r"n_samples \(2\) must be at least the number of centers"):
        make_blobs(2, centers=3)


# ------------------------------------------------------------------ split


def test_split_sizes_and_partition():
    X, y = make_moons(100, seed=0)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, seed=0)
    assert (len(X_train), len(X_test), len(y_train), len(y_test)) == (75, 25, 75, 25)
    rows = {tuple(r) for r in X_train} | {tuple(r) for r in X_test}
    assert rows == {tuple(r) for r in X}
    assert len(train_test_split(X, y, test_size=0.333, seed=0)[1]) == 34  # rounded up
    assert len(train_test_split(X, y, test_size=10, seed=0)[1]) == 10


def test_split_keeps_pairs_and_is_seeded():
    X = np.arange(20.0).reshape(10, 2)
    y = np.arange(10)
    X_train, X_test, y_train, y_test = train_test_split(X, y, seed=1)
    np.testing.assert_array_equal(X_train[:, 0] / 2, y_train)
    np.testing.assert_array_equal(X_test[:, 0] / 2, y_test)
    again = train_test_split(X, y, seed=1)
    np.testing.assert_array_equal(again[1], X_test)
    ordered = train_test_split(X, y, test_size=3, shuffle=False)
    np.testing.assert_array_equal(ordered[3], [0, 1, 2])


@pytest.mark.parametrize("test_size", [0, 10, 0.0, 1.0, 1.5, -0.2, "0.25", 0.999])
def test_split_bad_test_size(test_size):
    X, y = np.zeros((10, 2)), np.zeros(10)
    with pytest.raises(ValueError, match="test_size"):
        train_test_split(X, y, test_size=test_size)


def test_split_bad_data():
    with pytest.raises(ValueError, match="X has 10 samples but y has 9 labels"):
        train_test_split(np.zeros((10, 2)), np.zeros(9))
    with pytest.raises(
        ValueError, match=r"X must be 2-D \(samples x features\), got shape \(10,\)"
    ):
        train_test_split(np.zeros(10), np.zeros(10))
    with pytest.raises(ValueError, match=r"y must be 1-D"):
        train_test_split(np.zeros((10, 2)), np.zeros((10, 1)))
    with pytest.raises(ValueError, match="the data set is empty"):
        train_test_split(np.zeros((0, 2)), np.zeros(0))


# ------------------------------------------------------------- minibatches


def test_minibatches_cover_every_sample_once():
    X = np.arange(22.0).reshape(11, 2)
    y = np.arange(11)
    batches = list(minibatches(X, y, 4, seed=0))
    assert [len(b[1]) for b in batches] == [4, 4, 3]
    seen = np.concatenate([b[1] for b in batches])
    assert sorted(seen.tolist()) == list(range(11))
    for Xb, yb in batches:
        np.testing.assert_array_equal(Xb[:, 0] / 2, yb)


def test_minibatches_options():
    X, y = np.arange(20.0).reshape(10, 2), np.arange(10)
    in_order = [b[1].tolist() for b in minibatches(X, y, 4, shuffle=False)]
    assert in_order == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]
    assert [len(b[1]) for b in minibatches(X, y, 4, drop_last=True)] == [4, 4]
    rng = np.random.default_rng(0)
    first = [b[1].tolist() for b in minibatches(X, y, 10, seed=rng)]
    second = [b[1].tolist() for b in minibatches(X, y, 10, seed=rng)]
    assert first != second  # a shared Generator: a new order each epoch
    assert [b[1].tolist() for b in minibatches(X, y, 10, seed=5)] == [
        b[1].tolist() for b in minibatches(X, y, 10, seed=5)
    ]


@pytest.mark.parametrize("size", [0, -1, 2.5, None])
def test_minibatches_bad_size_fails_at_the_call(size):
    with pytest.raises(ValueError, match="minibatches: batch_size must be an int >= 1"):
        minibatches(np.zeros((4, 2)), np.zeros(4), size)


def test_minibatches_bad_data():
    with pytest.raises(ValueError, match="minibatches: X has 4 samples but y has 3 labels"):
        minibatches(np.zeros((4, 2)), np.zeros(3), 2)
