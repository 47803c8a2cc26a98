// Per organisation: the networks and bodies it takes part in on $as_of in the overlap view ($relations, the
// fragment _overlap_organisations; netmap.analysis.overlap.network_load), unsorted (the caller sorts them as
// the embedded engine does). An organisation in none gives no row.
MATCH (net:Network)
INCLUDE _overlap_organisations net org
RETURN org, collect(DISTINCT net.id) AS networks
