"""The overview reads rollup rows with the cyclic collector paused (outcomes.kpis.selectors._cyclic_gc_paused):
paused inside, restored after, even when the read fails, and left off if it was off."""

import gc

import pytest

from outcomes.kpis.selectors import _cyclic_gc_paused


@pytest.fixture(autouse=True)
def _collector_restored():
    was = gc.isenabled()
    yield
    (gc.enable if was else gc.disable)()


def test_it_pauses_the_collector_inside_and_restores_it_after_even_on_error():
    gc.enable()
    with pytest.raises(ValueError), _cyclic_gc_paused():
        assert not gc.isenabled()
        raise ValueError("the read failed")
    assert gc.isenabled()


def test_it_leaves_a_collector_that_was_off_off():
    gc.disable()
    with _cyclic_gc_paused():
        pass
    assert not gc.isenabled()
