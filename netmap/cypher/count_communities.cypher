// The size of each Louvain community of $name (as stream_communities.cypher), largest first.
CALL gds.louvain.stream($name, {concurrency: 1})
YIELD nodeId, communityId
WITH communityId, count(*) AS size
RETURN size ORDER BY size DESC
