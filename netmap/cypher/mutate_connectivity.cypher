// On the connectivity view $name: each node's component (WCC), its number of distinct neighbours and
// whether it is an articulation point (1) or not (0), kept in the projection only (nothing is written).
CALL gds.wcc.mutate($name, {mutateProperty: 'component', concurrency: 1}) YIELD componentCount
CALL gds.degree.mutate($name, {mutateProperty: 'degree'}) YIELD nodePropertiesWritten
CALL gds.articulationPoints.mutate($name, {mutateProperty: 'cut'}) YIELD articulationPointCount
RETURN componentCount AS components, articulationPointCount AS cuts
