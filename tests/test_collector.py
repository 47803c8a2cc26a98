"""netmap.collector.paused: the collector off inside, back as it was after, nothing left frozen."""
import gc

import pytest

from netmap import collector


def test_the_collector_is_off_inside_and_on_again_after_even_when_the_block_fails():
    assert gc.isenabled()
    with pytest.raises(RuntimeError), collector.paused():
        assert not gc.isenabled()
        raise RuntimeError("cut off")
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off():
    gc.disable()
    try:
        with collector.paused(hand_over=True):
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_hand_over_leaves_nothing_frozen_and_keeps_what_a_program_froze():
    with collector.paused(hand_over=True):
        made = [[i] for i in range(1000)]
    assert gc.get_freeze_count() == 0 and gc.is_tracked(made[0])
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with collector.paused(hand_over=True):
            more = [[i] for i in range(1000)]
        assert gc.get_freeze_count() == frozen and more
    finally:
        gc.unfreeze()
