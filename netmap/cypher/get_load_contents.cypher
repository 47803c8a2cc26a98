// Whether the database holds netmap data at all: a load into one that does not may CREATE.
RETURN EXISTS { MATCH (:Actor) } AS actors, EXISTS { MATCH (:Requirement) } AS requirements
