// The level matrices' input: per pair of end level sets and scope, how many ties of $kinds are active
// on $as_of (YYYY-MM-DD; a since/until written as YYYY or YYYY-MM is compared at that precision).
// An actor's levels are its own, else its home organisation's; a network without levels takes those of
// its members active on $as_of. with_network: a network or body is an end (the 'networks' scope).
// Python puts each tie in its one cell (netmap.analysis.levels.tie_cell).
MATCH (a:Actor)-[t:TIE]->(b:Actor)
WHERE t.kind IN $kinds AND a <> b
  AND (coalesce(t.since, '') = '' OR substring($as_of, 0, size(t.since)) >= t.since)
  AND (coalesce(t.until, '') = '' OR substring($as_of, 0, size(t.until)) <= t.until)
CALL (a) {
  OPTIONAL MATCH (a)-[:HOME_ORGANISATION]->(h:Actor)
  WITH a, CASE WHEN size(coalesce(a.levels, [])) > 0 THEN a.levels ELSE coalesce(h.levels, []) END AS own
  CALL (a, own) {
    WITH a, own WHERE size(own) = 0 AND a:Network
    MATCH (m:Actor)-[r:MEMBER_OF]->(a)
    WHERE (coalesce(r.since, '') = '' OR substring($as_of, 0, size(r.since)) >= r.since)
      AND (coalesce(r.until, '') = '' OR substring($as_of, 0, size(r.until)) <= r.until)
    OPTIONAL MATCH (m)-[:HOME_ORGANISATION]->(mh:Actor)
    UNWIND CASE WHEN size(coalesce(m.levels, [])) > 0 THEN m.levels ELSE coalesce(mh.levels, []) END AS lv
    RETURN collect(DISTINCT lv) AS inherited
  }
  RETURN CASE WHEN size(own) > 0 THEN own ELSE inherited END AS levels_a
}
CALL (b) {
  OPTIONAL MATCH (b)-[:HOME_ORGANISATION]->(h:Actor)
  WITH b, CASE WHEN size(coalesce(b.levels, [])) > 0 THEN b.levels ELSE coalesce(h.levels, []) END AS own
  CALL (b, own) {
    WITH b, own WHERE size(own) = 0 AND b:Network
    MATCH (m:Actor)-[r:MEMBER_OF]->(b)
    WHERE (coalesce(r.since, '') = '' OR substring($as_of, 0, size(r.since)) >= r.since)
      AND (coalesce(r.until, '') = '' OR substring($as_of, 0, size(r.until)) <= r.until)
    OPTIONAL MATCH (m)-[:HOME_ORGANISATION]->(mh:Actor)
    UNWIND CASE WHEN size(coalesce(m.levels, [])) > 0 THEN m.levels ELSE coalesce(mh.levels, []) END AS lv
    RETURN collect(DISTINCT lv) AS inherited
  }
  RETURN CASE WHEN size(own) > 0 THEN own ELSE inherited END AS levels_b
}
RETURN levels_a, levels_b, (a:Network OR b:Network) AS with_network, count(*) AS ties
