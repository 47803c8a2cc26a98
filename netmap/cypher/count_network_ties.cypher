// The ties inside each network or body (netmap.analysis.levels.network_direction_counts): per network and pair
// of end level sets, the learning ties of $kinds (active on $as_of, YYYY-MM-DD) whose two ends both belong to
// it, as members or seat holders whose membership or seat counts on $as_of. Levels as in
// count_level_pairs.cypher; Python reads each pair's direction (netmap.analysis.levels.direction).
MATCH (a:Actor)-[t:TIE]->(b:Actor)
WHERE t.kind IN $kinds AND a <> b
  AND INCLUDE _counts_on t
INCLUDE _networks_of a nets_a
WITH a, b, t, nets_a WHERE size(nets_a) > 0
INCLUDE _networks_of b nets_b
WITH a, b, t, [n IN nets_a WHERE n IN nets_b] AS shared WHERE size(shared) > 0
INCLUDE _effective_levels a levels_a
INCLUDE _effective_levels b levels_b
UNWIND shared AS network
RETURN network, levels_a, levels_b, count(*) AS ties
