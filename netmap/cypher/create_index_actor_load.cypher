// Finding what an older load left behind must not scan the whole graph.
CREATE INDEX netmap_actor_load IF NOT EXISTS FOR (n:Actor) ON (n._load)
