// Every organisation, network and person is an :Actor with a unique id.
CREATE CONSTRAINT netmap_actor_id IF NOT EXISTS FOR (n:Actor) REQUIRE n.id IS UNIQUE
