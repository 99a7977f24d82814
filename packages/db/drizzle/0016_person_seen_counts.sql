ALTER TABLE "person" ADD COLUMN "seen_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "person" ADD COLUMN "last_seen" date;--> statement-breakpoint
CREATE INDEX "person_org_seen_idx" ON "person" USING btree ("organisation_id","seen_count" DESC NULLS LAST,"code");--> statement-breakpoint
CREATE INDEX "person_org_last_seen_idx" ON "person" USING btree ("organisation_id","last_seen" DESC NULLS LAST,"code");--> statement-breakpoint
-- Each person's sessions seen (`seen_count`) and latest day (`last_seen`), kept by statement
-- triggers on attendance: every writer (attendance lists, imports, undo, an activity or a person
-- deleted by cascade, COPY) updates them in its own statement and transaction. Each trigger first
-- locks the people it touches in key order (two writers wait for each other instead of losing an
-- increment or deadlocking), then adds the counts; a removal recounts the last day, in a later
-- statement whose snapshot sees what a writer it waited for committed.
CREATE FUNCTION person_seen_recount() RETURNS void LANGUAGE sql AS $$
  UPDATE person p SET seen_count = coalesce(s.n, 0), last_seen = s.last
    FROM person q LEFT JOIN (
      SELECT organisation_id, person_id, count(*)::int AS n, max(date) AS last
        FROM attendance GROUP BY organisation_id, person_id
    ) s ON s.organisation_id = q.organisation_id AND s.person_id = q.id
   WHERE p.organisation_id = q.organisation_id AND p.id = q.id
     AND (p.seen_count IS DISTINCT FROM coalesce(s.n, 0) OR p.last_seen IS DISTINCT FROM s.last);
$$;
--> statement-breakpoint
CREATE FUNCTION person_seen_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM person p
    WHERE (p.organisation_id, p.id) IN (SELECT organisation_id, person_id FROM added)
    ORDER BY p.organisation_id, p.id FOR UPDATE;
  UPDATE person p SET seen_count = p.seen_count + d.n, last_seen = greatest(p.last_seen, d.last)
    FROM (SELECT organisation_id, person_id, count(*)::int AS n, max(date) AS last
            FROM added GROUP BY organisation_id, person_id) d
   WHERE p.organisation_id = d.organisation_id AND p.id = d.person_id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION person_seen_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM person p
    WHERE (p.organisation_id, p.id) IN (SELECT organisation_id, person_id FROM removed)
    ORDER BY p.organisation_id, p.id FOR UPDATE;
  UPDATE person p SET seen_count = p.seen_count - d.n
    FROM (SELECT organisation_id, person_id, count(*)::int AS n
            FROM removed GROUP BY organisation_id, person_id) d
   WHERE p.organisation_id = d.organisation_id AND p.id = d.person_id;
  UPDATE person p SET last_seen = (
      SELECT max(a.date) FROM attendance a
       WHERE a.organisation_id = p.organisation_id AND a.person_id = p.id)
    FROM (SELECT organisation_id, person_id, max(date) AS last
            FROM removed GROUP BY organisation_id, person_id) d
   WHERE p.organisation_id = d.organisation_id AND p.id = d.person_id AND p.last_seen <= d.last;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION person_seen_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM person p
    WHERE (p.organisation_id, p.id) IN (
      SELECT organisation_id, person_id FROM removed UNION SELECT organisation_id, person_id FROM added)
    ORDER BY p.organisation_id, p.id FOR UPDATE;
  UPDATE person p SET seen_count = s.n, last_seen = s.last
    FROM (SELECT q.organisation_id, q.person_id,
                 (SELECT count(*)::int FROM attendance a
                   WHERE a.organisation_id = q.organisation_id AND a.person_id = q.person_id) AS n,
                 (SELECT max(a.date) FROM attendance a
                   WHERE a.organisation_id = q.organisation_id AND a.person_id = q.person_id) AS last
            FROM (SELECT organisation_id, person_id FROM removed
                  UNION SELECT organisation_id, person_id FROM added) q) s
   WHERE p.organisation_id = s.organisation_id AND p.id = s.person_id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION person_seen_cleared() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE person SET seen_count = 0, last_seen = NULL WHERE seen_count <> 0 OR last_seen IS NOT NULL;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER attendance_seen_insert AFTER INSERT ON attendance
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION person_seen_added();
--> statement-breakpoint
CREATE TRIGGER attendance_seen_delete AFTER DELETE ON attendance
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION person_seen_removed();
--> statement-breakpoint
CREATE TRIGGER attendance_seen_update AFTER UPDATE ON attendance
  REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION person_seen_changed();
--> statement-breakpoint
CREATE TRIGGER attendance_seen_truncate AFTER TRUNCATE ON attendance
  FOR EACH STATEMENT EXECUTE FUNCTION person_seen_cleared();
--> statement-breakpoint
SELECT person_seen_recount();
