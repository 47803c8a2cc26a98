// A fragment, not a query: the actors of network or body {net} on $as_of, one row each as {actor}: its members
// and its seat holders whose membership or seat counts then (netmap.analysis.common.Context.actors_of). A
// network without any gives no row. Put in a query by the line `INCLUDE _actors_of net actor`.
CALL ({net}) {
  MATCH ({actor}:Actor)-[membership_:MEMBER_OF]->({net})
  WHERE INCLUDE _counts_on membership_
  RETURN {actor}
  UNION
  MATCH ({actor}:Actor)-[seat_:REPRESENTS]->(:Actor)
  WHERE seat_.body_id = {net}.id AND INCLUDE _counts_on seat_
  RETURN {actor}
}
