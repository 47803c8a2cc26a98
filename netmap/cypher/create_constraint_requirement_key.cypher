// A composition requirement of a network or body, keyed by body and perspective.
CREATE CONSTRAINT netmap_requirement_key IF NOT EXISTS FOR (q:Requirement) REQUIRE q.key IS UNIQUE
