// Louvain communities of $name (seeded through a fixed node order: GDS's Louvain is deterministic
// at concurrency 1): per community its members' ids.
CALL gds.louvain.stream($name, {concurrency: 1})
YIELD nodeId, communityId
RETURN communityId AS community, collect(gds.util.asNode(nodeId).id) AS members
