// Which load is current, and whether a load is under way.
OPTIONAL MATCH (m:NetmapMeta {key: 'netmap'})
RETURN m.status AS status, m.current AS current, m.pending AS pending, m.source AS source,
       m.fingerprint AS fingerprint, toString(m.finished) AS finished
