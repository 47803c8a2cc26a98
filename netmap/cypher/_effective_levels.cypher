// A fragment, not a query: the effective levels of node {node} as {levels} (netmap.model.effective_levels),
// put in a query by the line `INCLUDE _effective_levels node levels` (netmap.neo4j.queries.cypher).
// An actor's levels are its own, else its home organisation's; a network without levels takes those of its
// members whose membership counts on $as_of (YYYY-MM-DD; a since/until written as YYYY or YYYY-MM is compared
// at that precision), each with its own or its home's.
CALL ({node}) {
  OPTIONAL MATCH ({node})-[:HOME_ORGANISATION]->(home_:Actor)
  WITH {node}, CASE WHEN size(coalesce({node}.levels, [])) > 0 THEN {node}.levels ELSE coalesce(home_.levels, []) END AS own
  CALL ({node}, own) {
    WITH {node}, own WHERE size(own) = 0 AND {node}:Network
    MATCH (member_:Actor)-[membership_:MEMBER_OF]->({node})
    WHERE INCLUDE _counts_on membership_
    OPTIONAL MATCH (member_)-[:HOME_ORGANISATION]->(member_home_:Actor)
    UNWIND CASE WHEN size(coalesce(member_.levels, [])) > 0 THEN member_.levels ELSE coalesce(member_home_.levels, []) END AS lv
    RETURN collect(DISTINCT lv) AS inherited
  }
  RETURN CASE WHEN size(own) > 0 THEN own ELSE inherited END AS {levels}
}
