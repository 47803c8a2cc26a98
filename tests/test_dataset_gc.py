"""Reading and building leave the cyclic garbage collector as they found it: enabled (or not), objects a
program froze itself still frozen, and what they made collectable."""
import gc
import weakref

from netmap.dataset import example_path, read_dataset
from netmap.graph import build_graph


def test_collector_enabled_and_young_generation_empty_after_reading():
    assert gc.isenabled()
    ds = read_dataset(example_path())
    G = build_graph(ds)
    assert gc.isenabled() and gc.get_freeze_count() == 0
    assert G.number_of_nodes() == len(ds.nodes)
    # what reading made is in the oldest generation, not waiting in the youngest for a walk of it all
    assert not any(obj is ds for obj in gc.get_objects(generation=0))


def test_a_program_s_frozen_objects_stay_frozen():
    class Cycle:
        pass

    frozen = Cycle()
    frozen.me = frozen
    gc.freeze()
    try:
        before = gc.get_freeze_count()
        build_graph(read_dataset(example_path()))
        assert gc.get_freeze_count() == before
    finally:
        gc.unfreeze()


def test_what_was_young_while_reading_is_still_collected():
    class Holder:
        pass

    holder = Holder()
    holder.cycle = holder  # a cycle only the collector frees, young when reading starts
    alive = weakref.ref(holder)
    del holder
    build_graph(read_dataset(example_path()))  # (hands it to the oldest generation with what it made)
    gc.collect()
    assert alive() is None
