// A fragment, not a query: the networks and bodies actor {node} belongs to on $as_of, as {nets} (ids): those it
// is a member of, and the bodies it holds a seat in (netmap.analysis.common.Context.networks_of). Put in a
// query by the line `INCLUDE _networks_of node nets`.
CALL ({node}) {
  CALL ({node}) {
    MATCH ({node})-[membership_:MEMBER_OF]->(network_:Network)
    WHERE INCLUDE _counts_on membership_
    RETURN network_.id AS network_id
    UNION
    MATCH ({node})-[seat_:REPRESENTS]->(:Actor)
    WHERE seat_.body_id IS NOT NULL AND INCLUDE _counts_on seat_
    RETURN seat_.body_id AS network_id
  }
  RETURN collect(network_id) AS {nets}
}
