CREATE TABLE "person_programme_seen" (
	"organisation_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"seen_count" integer NOT NULL,
	"last_seen" date NOT NULL,
	CONSTRAINT "person_programme_seen_pk" PRIMARY KEY("organisation_id","programme_id","person_id")
);
--> statement-breakpoint
ALTER TABLE "activity" ADD COLUMN "search_text" text GENERATED ALWAYS AS (lower(translate("title" || ' ' || "code" || ' ' || coalesce("summary", ''), 'àâäáãåçéèêëíìîïñóòôöõúùûüÿýÀÂÄÁÃÅÇÉÈÊËÍÌÎÏÑÓÒÔÖÕÚÙÛÜŸÝɛƐɔƆɲƝŋŊŒÆ’', 'aaaaaaceeeeiiiinooooouuuuyyaaaaaaceeeeiiiinooooouuuuyyeeoonnnnœæ''') collate "C")) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "person" ADD COLUMN "search_text" text GENERATED ALWAYS AS (lower(translate("code" || ' ' || coalesce("display_name", ''), 'àâäáãåçéèêëíìîïñóòôöõúùûüÿýÀÂÄÁÃÅÇÉÈÊËÍÌÎÏÑÓÒÔÖÕÚÙÛÜŸÝɛƐɔƆɲƝŋŊŒÆ’', 'aaaaaaceeeeiiiinooooouuuuyyaaaaaaceeeeiiiinooooouuuuyyeeoonnnnœæ''') collate "C")) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "person_programme_seen_person_idx" ON "person_programme_seen" USING btree ("organisation_id","person_id");--> statement-breakpoint
CREATE INDEX "person_programme_seen_count_idx" ON "person_programme_seen" USING btree ("organisation_id","programme_id","seen_count" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "person_programme_seen_last_idx" ON "person_programme_seen" USING btree ("organisation_id","programme_id","last_seen" DESC NULLS LAST);--> statement-breakpoint
-- Each person's counts per programme (`person_programme_seen`), kept beside `person.seen_count` by
-- the same statement triggers on attendance: after locking the people it touches (key order), a
-- writer recounts their rows per programme from attendance, in a later statement whose snapshot
-- sees what a writer it waited for committed. An activity moved to another programme recounts its
-- people. A bulk load (`SET LOCAL jalon.bulk = on` in its transaction) skips the upkeep and calls
-- `person_seen_recount()` once at the end.
CREATE FUNCTION person_programme_seen_recount_of(orgs uuid[], persons uuid[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM person_programme_seen s USING unnest(orgs, persons) AS t(o, p)
   WHERE s.organisation_id = t.o AND s.person_id = t.p;
  INSERT INTO person_programme_seen (organisation_id, programme_id, person_id, seen_count, last_seen)
  SELECT a.organisation_id, ac.programme_id, a.person_id, count(*)::int, max(a.date)
    FROM (SELECT DISTINCT o, p FROM unnest(orgs, persons) AS t(o, p)) t
    JOIN person pe ON pe.organisation_id = t.o AND pe.id = t.p
    JOIN attendance a ON a.organisation_id = t.o AND a.person_id = t.p
    JOIN activity ac ON ac.organisation_id = a.organisation_id AND ac.id = a.activity_id
   GROUP BY a.organisation_id, ac.programme_id, a.person_id;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION person_seen_recount() RETURNS void LANGUAGE sql AS $$
  UPDATE person p SET seen_count = coalesce(s.n, 0), last_seen = s.last
    FROM person q LEFT JOIN (
      SELECT organisation_id, person_id, count(*)::int AS n, max(date) AS last
        FROM attendance GROUP BY organisation_id, person_id
    ) s ON s.organisation_id = q.organisation_id AND s.person_id = q.id
   WHERE p.organisation_id = q.organisation_id AND p.id = q.id
     AND (p.seen_count IS DISTINCT FROM coalesce(s.n, 0) OR p.last_seen IS DISTINCT FROM s.last);
  DELETE FROM person_programme_seen;
  INSERT INTO person_programme_seen (organisation_id, programme_id, person_id, seen_count, last_seen)
  SELECT a.organisation_id, ac.programme_id, a.person_id, count(*)::int, max(a.date)
    FROM attendance a
    JOIN activity ac ON ac.organisation_id = a.organisation_id AND ac.id = a.activity_id
   GROUP BY a.organisation_id, ac.programme_id, a.person_id;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION person_seen_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('jalon.bulk', true) = 'on' THEN RETURN NULL; END IF;
  PERFORM 1 FROM person p
    WHERE (p.organisation_id, p.id) IN (SELECT organisation_id, person_id FROM added)
    ORDER BY p.organisation_id, p.id FOR UPDATE;
  UPDATE person p SET seen_count = p.seen_count + d.n, last_seen = greatest(p.last_seen, d.last)
    FROM (SELECT organisation_id, person_id, count(*)::int AS n, max(date) AS last
            FROM added GROUP BY organisation_id, person_id) d
   WHERE p.organisation_id = d.organisation_id AND p.id = d.person_id;
  PERFORM person_programme_seen_recount_of(array_agg(organisation_id), array_agg(person_id))
     FROM (SELECT DISTINCT organisation_id, person_id FROM added) t;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION person_seen_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('jalon.bulk', true) = 'on' THEN RETURN NULL; END IF;
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
  PERFORM person_programme_seen_recount_of(array_agg(organisation_id), array_agg(person_id))
     FROM (SELECT DISTINCT organisation_id, person_id FROM removed) t;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION person_seen_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('jalon.bulk', true) = 'on' THEN RETURN NULL; END IF;
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
  PERFORM person_programme_seen_recount_of(array_agg(organisation_id), array_agg(person_id))
     FROM (SELECT organisation_id, person_id FROM removed
           UNION SELECT organisation_id, person_id FROM added) t;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION person_seen_cleared() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE person SET seen_count = 0, last_seen = NULL WHERE seen_count <> 0 OR last_seen IS NOT NULL;
  DELETE FROM person_programme_seen;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION activity_programme_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('jalon.bulk', true) = 'on' THEN RETURN NULL; END IF;
  PERFORM 1 FROM person p
    WHERE (p.organisation_id, p.id) IN (
      SELECT a.organisation_id, a.person_id
        FROM added n JOIN removed o ON o.organisation_id = n.organisation_id AND o.id = n.id
        JOIN attendance a ON a.organisation_id = n.organisation_id AND a.activity_id = n.id
       WHERE o.programme_id <> n.programme_id)
    ORDER BY p.organisation_id, p.id FOR UPDATE;
  PERFORM person_programme_seen_recount_of(array_agg(a.organisation_id), array_agg(a.person_id))
     FROM added n JOIN removed o ON o.organisation_id = n.organisation_id AND o.id = n.id
     JOIN attendance a ON a.organisation_id = n.organisation_id AND a.activity_id = n.id
    WHERE o.programme_id <> n.programme_id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER activity_programme_seen_update AFTER UPDATE ON activity
  REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION activity_programme_moved();
--> statement-breakpoint
SELECT person_seen_recount();
