// The level matrix of direct ties: per unordered level pair, how many ties of $kinds connect it.
// An actor's levels are its own, else its home organisation's; a network without levels takes
// its members'. $order maps each level to its position (I=0 ... IV=3) to order a pair.
MATCH (a:Actor)-[t:TIE]->(b:Actor)
WHERE t.kind IN $kinds AND a <> b
CALL (a) {
  OPTIONAL MATCH (a)-[:HOME_ORGANISATION]->(h:Actor)
  WITH a, CASE WHEN size(coalesce(a.levels, [])) > 0 THEN a.levels ELSE coalesce(h.levels, []) END AS own
  CALL (a, own) {
    WITH a, own WHERE size(own) = 0 AND a:Network
    MATCH (m:Actor)-[:MEMBER_OF]->(a)
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
    MATCH (m:Actor)-[:MEMBER_OF]->(b)
    OPTIONAL MATCH (m)-[:HOME_ORGANISATION]->(mh:Actor)
    UNWIND CASE WHEN size(coalesce(m.levels, [])) > 0 THEN m.levels ELSE coalesce(mh.levels, []) END AS lv
    RETURN collect(DISTINCT lv) AS inherited
  }
  RETURN CASE WHEN size(own) > 0 THEN own ELSE inherited END AS levels_b
}
UNWIND levels_a AS x
UNWIND levels_b AS y
WITH DISTINCT t, CASE WHEN $order[x] <= $order[y] THEN [x, y] ELSE [y, x] END AS pair
RETURN pair[0] AS a, pair[1] AS b, count(*) AS ties
