// Per network or body (in load order): for each perspective, how many of its actors on $as_of (members and seat
// holders) bring it (netmap.analysis.perspectives.network_perspectives); networks without actors or
// perspectives give no row.
MATCH (net:Network)
INCLUDE _actors_of net m
INCLUDE _effective_perspectives m perspectives
UNWIND perspectives AS perspective
WITH net, perspective, count(DISTINCT m) AS actors
WITH net, collect([perspective, actors]) AS counts
RETURN net.id AS network, counts
ORDER BY net.ord
