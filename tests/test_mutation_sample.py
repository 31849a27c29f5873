"""scripts/mutation_sample.py: the sample is run in shuffled batches, so a run stopped early checked a random part."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "mutation_sample.py"
_spec = importlib.util.spec_from_file_location("mutation_sample", SCRIPT)
sample = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(sample)

NAMES = [f"domain.m.x_f{n // 10}__mutmut_{n % 10}" for n in range(95)]


def test_batches_hold_every_name_once_at_most_size_at_a_time():
    batches = sample.batches(NAMES, 20, 2013)
    assert [len(b) for b in batches] == [20, 20, 20, 20, 15]
    assert sorted(name for batch in batches for name in batch) == sorted(NAMES)


def test_the_order_is_random_but_the_same_for_a_seed_whatever_order_the_names_came_in():
    first = [name for batch in sample.batches(NAMES, 20, 2013) for name in batch]
    assert first == [name for batch in sample.batches(list(reversed(NAMES)), 20, 2013) for name in batch]
    assert first != sorted(NAMES)  # not mutmut's order by function
    assert first != [name for batch in sample.batches(NAMES, 20, 2026) for name in batch]
    # the first batch reaches across the functions, not the first two of them
    assert len({name.rsplit("__mutmut_", 1)[0] for name in first[:20]}) > 5


def test_a_batch_size_below_one_is_one_batch_per_name_not_an_endless_loop():
    assert sample.batches(NAMES[:3], 0, 1) == sample.batches(NAMES[:3], 1, 1)
    assert [len(b) for b in sample.batches(NAMES[:3], 0, 1)] == [1, 1, 1]


def test_a_run_with_postgresql_maps_the_tests_again_unless_they_were_mapped_with_it(tmp_path):
    assert not sample.stale_stats(tmp_path, fresh=False, postgres=False)
    assert sample.stale_stats(tmp_path, fresh=True, postgres=False)
    assert sample.stale_stats(tmp_path, fresh=False, postgres=True)  # mapped without: the variants reached nothing
    (tmp_path / sample.POSTGRES_MAPPED).touch()
    assert not sample.stale_stats(tmp_path, fresh=False, postgres=True)
    assert sample.stale_stats(tmp_path, fresh=True, postgres=True)
