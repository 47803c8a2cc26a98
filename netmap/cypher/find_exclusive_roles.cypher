// Per body of $networks (those whose rule is exclusive): its actors on $as_of that are a member of or hold a
// seat in another of $bodies (KBL's bodies) then, each with those other bodies, unsorted
// (netmap.analysis.perspectives.exclusive_roles); a body without such actors gives no row.
UNWIND $networks AS id
MATCH (net:Network {id: id})
INCLUDE _actors_of net actor
INCLUDE _networks_of actor nets
WITH net, actor, [b IN nets WHERE b IN $bodies AND b <> net.id] AS others
WHERE size(others) > 0
RETURN net.id AS network, collect([actor.id, others]) AS roles
