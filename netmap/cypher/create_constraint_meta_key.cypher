// The one bookkeeping node that says which load is current and whether a load is under way.
CREATE CONSTRAINT netmap_meta_key IF NOT EXISTS FOR (m:NetmapMeta) REQUIRE m.key IS UNIQUE
