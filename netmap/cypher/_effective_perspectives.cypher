// A fragment, not a query: the perspectives of actor {node} as {perspectives} (its own, else its home
// organisation's: netmap.analysis.common.effective_perspectives). Put in a query by the line
// `INCLUDE _effective_perspectives node perspectives`.
CALL ({node}) {
  OPTIONAL MATCH ({node})-[:HOME_ORGANISATION]->(home_:Actor)
  RETURN CASE WHEN size(coalesce({node}.perspectives, [])) > 0 THEN {node}.perspectives
              ELSE coalesce(home_.perspectives, []) END AS {perspectives}
  LIMIT 1
}
