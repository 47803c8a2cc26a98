// The level matrices' input: per pair of end level sets and scope, how many ties of $kinds are active
// on $as_of (YYYY-MM-DD; a since/until written as YYYY or YYYY-MM is compared at that precision).
// An actor's levels are its own, else its home organisation's; a network without levels takes those of
// its members active on $as_of. with_network: a network or body is an end (the 'networks' scope).
// Python puts each tie in its one cell (netmap.analysis.levels.tie_cell).
MATCH (a:Actor)-[t:TIE]->(b:Actor)
WHERE t.kind IN $kinds AND a <> b
  AND INCLUDE _counts_on t
INCLUDE _effective_levels a levels_a
INCLUDE _effective_levels b levels_b
RETURN levels_a, levels_b, (a:Network OR b:Network) AS with_network, count(*) AS ties
