// Gould-Fernandez brokerage roles per actor, as netmap.analysis.structure.brokerage counts them, on the brokerage
// view (netmap.analysis.structure.brokerage_graph): ties of $kinds that count on $as_of between two organisations
// or people, undirected, parallel ties and self-loops left out. Only actors with levels (their own, else their
// home organisation's: the fragment _effective_levels) take part: no triad with an end of unknown levels counts.
// A level set is a bit mask over $levels (the first level 1, the second 2, the third 4, ...).
// Every open triad u-v-w is one brokerage by v, its role(s) $table[g - 1][a - 1][b - 1] (five 0/1 counts in
// netmap.analysis.structure.ROLES's order; g, a, b the masks of v, u and w; netmap.analysis.structure.role_table).
// Per actor its neighbours are counted by level set and every pair of them is a triad (sets a, b:
// count(a) * count(b), within one set count * (count - 1) / 2), less the closed ones: the pairs of its
// neighbours tied to each other (its triangles, found from each neighbour's ties). $between: the roles that add
// up to brokerage between levels (the ranking). $n: only the $n actors with the most brokerage between levels
// (ties by id), none without any; null: every actor with levels, in load order.
MATCH (v:Actor) WHERE v:Organisation OR v:Person
INCLUDE _effective_levels v own
WITH v, reduce(m = 0, i IN range(0, size($levels) - 1) |
               m + CASE WHEN $levels[i] IN own THEN toInteger(2 ^ i) ELSE 0 END) AS g
WHERE g > 0
CALL (v) {
  MATCH (v)-[t:TIE]-(w:Actor)
  WHERE (w:Organisation OR w:Person) AND w <> v AND t._load IS NOT NULL AND t.kind IN $kinds
    AND INCLUDE _counts_on t
  WITH DISTINCT w
  INCLUDE _effective_levels w own
  WITH w, reduce(m = 0, i IN range(0, size($levels) - 1) |
                 m + CASE WHEN $levels[i] IN own THEN toInteger(2 ^ i) ELSE 0 END) AS mask
  WHERE mask > 0
  RETURN collect(w) AS ws, collect(mask) AS masks
}
CALL (ws, masks) {
  UNWIND range(0, size(ws) - 1) AS i
  WITH ws, masks, i, ws[i] AS u
  MATCH (u)-[t:TIE]-(w:Actor)
  WHERE w.ord > u.ord AND t._load IS NOT NULL AND t.kind IN $kinds
    AND INCLUDE _counts_on t
    AND w IN ws
  WITH i, [j IN range(0, size(ws) - 1) WHERE ws[j] = w][0] AS j, masks
  WITH DISTINCT i, j, masks[i] AS x, masks[j] AS y
  WITH CASE WHEN x < y THEN x ELSE y END AS a, CASE WHEN x < y THEN y ELSE x END AS b, count(*) AS k
  RETURN collect([a, b, k]) AS closed
}
WITH v, g, closed, [x IN reduce(seen = [], m IN masks | CASE WHEN m IN seen THEN seen ELSE seen + m END) |
                    [x, size([m IN masks WHERE m = x])]] AS near
WITH v, g, closed,
     reduce(pairs = [], i IN range(0, size(near) - 1) | pairs + [j IN range(i, size(near) - 1) |
       [near[i][0], near[j][0], CASE WHEN i = j THEN near[i][1] * (near[i][1] - 1) / 2 ELSE near[i][1] * near[j][1] END]])
     AS open
WITH v, [r IN range(0, size($table[0][0][0]) - 1) |
         reduce(s = 0, t IN open | s + t[2] * $table[g - 1][t[0] - 1][t[1] - 1][r])
         - reduce(s = 0, t IN closed | s + t[2] * $table[g - 1][t[0] - 1][t[1] - 1][r])] AS roles
WITH v, roles, reduce(s = 0, r IN $between | s + roles[r]) AS between
WHERE $n IS NULL OR between > 0
RETURN v.id AS id, roles
ORDER BY CASE WHEN $n IS NULL THEN v.ord ELSE -between END, v.id
LIMIT coalesce($n, 9223372036854775807)
