// Per body: the organisations a seat holder represents in it on $as_of that are no member of it then
// (netmap.analysis.overlap.seat_only_organisations), unsorted; a body without any gives no row.
MATCH (net:Network)
MATCH (:Actor)-[seat:REPRESENTS]->(o:Organisation)
WHERE seat.body_id = net.id AND INCLUDE _counts_on seat
WITH DISTINCT net, o
WHERE NOT EXISTS { MATCH (o)-[membership:MEMBER_OF]->(net) WHERE INCLUDE _counts_on membership
                 }
RETURN net.id AS network, collect(o.id) AS organisations
