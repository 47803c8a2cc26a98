// The ties inside each network or body (netmap.analysis.levels.network_direction_counts): per network and pair
// of end level sets, the learning ties of $kinds (active on $as_of, YYYY-MM-DD) whose two ends both belong to
// it, as members or seat holders whose membership or seat counts on $as_of. Levels as in
// count_level_pairs.cypher; Python reads each pair's direction (netmap.analysis.levels.direction).
MATCH (a:Actor)-[t:TIE]->(b:Actor)
WHERE t.kind IN $kinds AND a <> b
  AND (coalesce(t.since, '') = '' OR substring($as_of, 0, size(t.since)) >= t.since)
  AND (coalesce(t.until, '') = '' OR substring($as_of, 0, size(t.until)) <= t.until)
CALL (a) {
  CALL (a) {
    MATCH (a)-[r:MEMBER_OF]->(n:Network)
    WHERE (coalesce(r.since, '') = '' OR substring($as_of, 0, size(r.since)) >= r.since)
      AND (coalesce(r.until, '') = '' OR substring($as_of, 0, size(r.until)) <= r.until)
    RETURN n.id AS net
    UNION
    MATCH (a)-[r:REPRESENTS]->(:Actor)
    WHERE r.body_id IS NOT NULL
      AND (coalesce(r.since, '') = '' OR substring($as_of, 0, size(r.since)) >= r.since)
      AND (coalesce(r.until, '') = '' OR substring($as_of, 0, size(r.until)) <= r.until)
    RETURN r.body_id AS net
  }
  RETURN collect(net) AS nets_a
}
WITH a, b, t, nets_a WHERE size(nets_a) > 0
CALL (b) {
  CALL (b) {
    MATCH (b)-[r:MEMBER_OF]->(n:Network)
    WHERE (coalesce(r.since, '') = '' OR substring($as_of, 0, size(r.since)) >= r.since)
      AND (coalesce(r.until, '') = '' OR substring($as_of, 0, size(r.until)) <= r.until)
    RETURN n.id AS net
    UNION
    MATCH (b)-[r:REPRESENTS]->(:Actor)
    WHERE r.body_id IS NOT NULL
      AND (coalesce(r.since, '') = '' OR substring($as_of, 0, size(r.since)) >= r.since)
      AND (coalesce(r.until, '') = '' OR substring($as_of, 0, size(r.until)) <= r.until)
    RETURN r.body_id AS net
  }
  RETURN collect(net) AS nets_b
}
WITH a, b, t, [n IN nets_a WHERE n IN nets_b] AS shared WHERE size(shared) > 0
INCLUDE _effective_levels a levels_a
INCLUDE _effective_levels b levels_b
UNWIND shared AS network
RETURN network, levels_a, levels_b, count(*) AS ties
