// Seats are looked up by the body they are held in.
CREATE INDEX netmap_represents_body IF NOT EXISTS FOR ()-[r:REPRESENTS]-() ON (r.body_id)
