// A fragment, not a query: the organisations taking part in network or body {net} on $as_of in the overlap view
// (netmap.analysis.overlap.network_organisations), one row each as {org} (an id): with 'membership' in
// $relations its organisation members, with 'seat' the organisations a seat holder represents in it, with 'home'
// the home organisation of a person who is a member or holds a seat in it. A network without any gives no row.
// Put in a query by the line `INCLUDE _overlap_organisations net org`.
CALL ({net}) {
  MATCH (member_:Organisation)-[membership_:MEMBER_OF]->({net})
  WHERE 'membership' IN $relations AND INCLUDE _counts_on membership_
  RETURN member_.id AS {org}
  UNION
  MATCH (:Actor)-[seat_:REPRESENTS]->(constituency_:Organisation)
  WHERE 'seat' IN $relations AND seat_.body_id = {net}.id AND INCLUDE _counts_on seat_
  RETURN constituency_.id AS {org}
  UNION
  MATCH (person_:Person)-[membership_:MEMBER_OF]->({net})
  WHERE 'home' IN $relations AND INCLUDE _counts_on membership_
  MATCH (person_)-[:HOME_ORGANISATION]->(home_:Actor)
  RETURN home_.id AS {org}
  UNION
  MATCH (person_:Person)-[seat_:REPRESENTS]->()
  WHERE 'home' IN $relations AND seat_.body_id = {net}.id AND INCLUDE _counts_on seat_
  MATCH (person_)-[:HOME_ORGANISATION]->(home_:Actor)
  RETURN home_.id AS {org}
}
