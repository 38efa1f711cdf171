/// The database side of a PostgreSQL store (docs/teams.md): one table of the log's
/// lines as bytes, one head row every writer locks, one function that appends, and
/// roles for readers and writers. Run by `sapm init --store URI`, or printed by
/// `sapm init --sql` for a database administrator to run.
public enum Schema {
  /// Bumped when the schema changes; a store of another layout is refused by name.
  public static let layout = 1

  /// NOTIFY channel: `append` sends the new head's sequence, delivered at commit.
  static let channel = "sapm_log"

  /// The statements, in order; each is idempotent where PostgreSQL allows it.
  public static let sql = """
    -- sapm store, layout \(layout): the log's canonical lines, exactly as the file holds them.
    CREATE SCHEMA sapm;
    COMMENT ON SCHEMA sapm IS 'sapm store, layout \(layout)';
    REVOKE ALL ON SCHEMA sapm FROM PUBLIC;

    -- bytea, never jsonb or text: the bytes hashed and signed are the bytes kept.
    CREATE TABLE sapm.records (
      seq bigint PRIMARY KEY CHECK (seq > 0),
      line bytea NOT NULL
    );

    -- The one row every writer locks (FOR UPDATE): sequence order is commit order, and
    -- no reader ever sees record 2 before record 1 has committed.
    CREATE TABLE sapm.head (
      only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
      seq bigint NOT NULL,
      hash text NOT NULL,
      bytes bigint NOT NULL,
      store_id text
    );
    INSERT INTO sapm.head (seq, hash, bytes) VALUES (0, repeat('0', 64), 0);

    -- No event is ever rewritten: UPDATE, DELETE and TRUNCATE of the log are refused,
    -- whoever asks (a superuser can still drop the trigger: signatures and every
    -- account's seen heads name that).
    CREATE FUNCTION sapm.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'sapm: the log is append-only; % on % is refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = '42501';
    END $$;
    CREATE TRIGGER records_append_only BEFORE UPDATE OR DELETE ON sapm.records
      FOR EACH ROW EXECUTE FUNCTION sapm.refuse_change();
    CREATE TRIGGER records_no_truncate BEFORE TRUNCATE ON sapm.records
      FOR EACH STATEMENT EXECUTE FUNCTION sapm.refuse_change();
    CREATE TRIGGER head_kept BEFORE DELETE ON sapm.head
      FOR EACH ROW EXECUTE FUNCTION sapm.refuse_change();
    CREATE TRIGGER head_no_truncate BEFORE TRUNCATE ON sapm.head
      FOR EACH STATEMENT EXECUTE FUNCTION sapm.refuse_change();

    -- The only write path. Refuses with SQLSTATE 40001 when the head moved since the
    -- writer read it (it catches up, decides again and re-signs); checks each line's
    -- place in the chain, and, for a writer, that the record is written in the name of
    -- the database login (the OS account, with peer authentication).
    CREATE FUNCTION sapm.put(expected_seq bigint, expected_hash text, lines bytea[], check_actor boolean)
    RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    DECLARE
      h sapm.head%ROWTYPE;
      l bytea;
      r jsonb;
      s bigint;
      p text;
      n bigint := 0;
    BEGIN
      SELECT * INTO h FROM sapm.head FOR UPDATE;
      IF h.seq <> expected_seq OR h.hash <> expected_hash THEN
        RAISE EXCEPTION 'sapm: the log moved on (its head is record %, not %)', h.seq, expected_seq
          USING ERRCODE = '40001';
      END IF;
      s := h.seq;
      p := h.hash;
      FOREACH l IN ARRAY lines LOOP
        IF l IS NULL OR position('\\x0a'::bytea IN l) > 0 THEN
          RAISE EXCEPTION 'sapm: record % is not one line', s + 1 USING ERRCODE = '22023';
        END IF;
        r := convert_from(l, 'UTF8')::jsonb;
        IF jsonb_typeof(r -> 'seq') IS DISTINCT FROM 'number' OR (r ->> 'seq')::bigint <> s + 1 THEN
          RAISE EXCEPTION 'sapm: record % has sequence %', s + 1, r ->> 'seq' USING ERRCODE = '22023';
        END IF;
        IF (r ->> 'prev') IS DISTINCT FROM p THEN
          RAISE EXCEPTION 'sapm: record % does not chain to record %', s + 1, s USING ERRCODE = '22023';
        END IF;
        IF check_actor AND (r ->> 'actor') IS DISTINCT FROM session_user THEN
          RAISE EXCEPTION 'sapm: record % is written as %, but the database login is %',
            s + 1, r ->> 'actor', session_user USING ERRCODE = '42501';
        END IF;
        INSERT INTO sapm.records (seq, line) VALUES (s + 1, l);
        s := s + 1;
        p := encode(sha256(l), 'hex');
        n := n + octet_length(l) + 1;
      END LOOP;
      UPDATE sapm.head SET seq = s, hash = p, bytes = bytes + n,
        store_id = COALESCE(store_id, (SELECT encode(sha256(line), 'hex') FROM sapm.records WHERE seq = 1));
      PERFORM pg_notify('\(channel)', s::text);
      RETURN s;
    END $$;
    REVOKE ALL ON FUNCTION sapm.put(bigint, text, bytea[], boolean) FROM PUBLIC;

    CREATE FUNCTION sapm.append(expected_seq bigint, expected_hash text, lines bytea[])
    RETURNS bigint LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
      SELECT sapm.put(expected_seq, expected_hash, lines, true)
    $$;
    REVOKE ALL ON FUNCTION sapm.append(bigint, text, bytea[]) FROM PUBLIC;

    -- Copies another store's records as they are (`sapm migrate`): their actors are
    -- whoever wrote them, so only the schema's owner may call it.
    CREATE FUNCTION sapm.migrate(expected_seq bigint, expected_hash text, lines bytea[])
    RETURNS bigint LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
      SELECT sapm.put(expected_seq, expected_hash, lines, false)
    $$;
    REVOKE ALL ON FUNCTION sapm.migrate(bigint, text, bytea[]) FROM PUBLIC;

    -- Readers (the kiosk's login) read; writers also append, and nothing else.
    DO $$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'sapm_reader') THEN
        CREATE ROLE sapm_reader NOLOGIN;
      END IF;
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'sapm_writer') THEN
        CREATE ROLE sapm_writer NOLOGIN IN ROLE sapm_reader;
      END IF;
    END $$;
    GRANT USAGE ON SCHEMA sapm TO sapm_reader;
    GRANT SELECT ON sapm.records, sapm.head TO sapm_reader;
    GRANT EXECUTE ON FUNCTION sapm.append(bigint, text, bytea[]) TO sapm_writer;
    """
}
