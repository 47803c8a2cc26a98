// Per theme that two or more networks serve (netmap.analysis.overlap.shared_themes): those networks in load
// order, and the loose ones among them, without a tie of $kinds counting on $as_of to another of them.
MATCH (net:Network)
UNWIND coalesce(net.themes, []) AS theme
WITH theme, net ORDER BY net.ord
WITH theme, collect(net) AS nets
WHERE size(nets) > 1
RETURN theme, [n IN nets | n.id] AS networks,
       [n IN nets WHERE NOT EXISTS { MATCH (n)-[t:TIE]-(other:Network) WHERE other <> n AND other IN nets
                                     AND t.kind IN $kinds AND INCLUDE _counts_on t
                                   } | n.id] AS loose
