// Per network or body (in load order): its actors (members and seat holders whose membership or seat counts
// on $as_of, YYYY-MM-DD) counted by their level set, for the channels between levels and the networks at one
// level (netmap.analysis.levels.channels_from_level_sets). An actor's levels are its own, else its home
// organisation's; a member network without levels takes those of its members that count on $as_of, as in
// count_level_pairs.cypher. An actor without a level is counted under the empty set.
MATCH (net:Network)
INCLUDE _actors_of net m
INCLUDE _effective_levels m levels
WITH net, levels, count(*) AS actors
WITH net, collect([levels, actors]) AS sets
RETURN net.id AS network, sets
ORDER BY net.ord
