/**
 * The first schema: the medallion layers (bronze, silver, quarantine, gold), model versions and scenarios.
 * Money is in dollars; NULL means unknown (the TMDB files use 0 for unknown, never stored as 0 here).
 */
export const name = 'initial';

export const up = /* sql */ `
CREATE TABLE import_batches (
  id               INTEGER PRIMARY KEY,
  source           TEXT NOT NULL,              -- file name as the user gave it (no directories)
  kind             TEXT NOT NULL CHECK (kind IN ('movies', 'credits', 'mapped')),
  sha256           TEXT NOT NULL,
  mapping_json     TEXT,                       -- mapped files: {field: "Source Column"}
  encoding         TEXT,
  delimiter        TEXT,
  rows_read        INTEGER NOT NULL DEFAULT 0,
  rows_loaded      INTEGER NOT NULL DEFAULT 0,
  rows_quarantined INTEGER NOT NULL DEFAULT 0,
  rows_flagged     INTEGER NOT NULL DEFAULT 0,
  started_at       TEXT NOT NULL,
  finished_at      TEXT,
  seconds          REAL
);

-- Bronze: every input row exactly as read, all fields as text.
CREATE TABLE bronze_rows (
  batch_id    INTEGER NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
  row_number  INTEGER NOT NULL,                -- 1 = first data row after the header
  fields_json TEXT NOT NULL,                   -- JSON array of the raw field texts, in file order
  PRIMARY KEY (batch_id, row_number)
) WITHOUT ROWID;
CREATE TABLE bronze_headers (
  batch_id    INTEGER PRIMARY KEY REFERENCES import_batches(id) ON DELETE CASCADE,
  header_json TEXT NOT NULL                    -- JSON array of the column names
);

-- Silver: typed, cleaned films.
CREATE TABLE films (
  id                INTEGER PRIMARY KEY,
  tmdb_id           INTEGER UNIQUE,
  natural_key       TEXT NOT NULL UNIQUE,      -- 'tmdb:19995', or 'title:avatar|2009' for mapped files without ids
  title             TEXT NOT NULL,
  original_title    TEXT,
  budget            REAL,
  revenue           REAL,
  runtime           REAL,
  release_date      TEXT,                      -- ISO yyyy-mm-dd
  release_year      INTEGER,
  original_language TEXT,
  popularity        REAL,
  vote_average      REAL,
  vote_count        INTEGER,
  homepage          TEXT,
  tagline           TEXT,
  overview          TEXT,
  status            TEXT,
  source_batch_id   INTEGER REFERENCES import_batches(id),
  source_row        INTEGER,
  updated_at        TEXT NOT NULL
);
CREATE INDEX films_release_year ON films(release_year);
CREATE INDEX films_title ON films(title COLLATE NOCASE);

-- Silver: the normalised lists of a film. kind: genre | keyword | company | country | language.
CREATE TABLE film_terms (
  film_id  INTEGER NOT NULL REFERENCES films(id) ON DELETE CASCADE,
  kind     TEXT NOT NULL CHECK (kind IN ('genre', 'keyword', 'company', 'country', 'language')),
  position INTEGER NOT NULL,
  name     TEXT NOT NULL,
  code     TEXT,                               -- ISO code for countries and languages, TMDB id for others
  PRIMARY KEY (film_id, kind, position)
) WITHOUT ROWID;
CREATE INDEX film_terms_kind_name ON film_terms(kind, name);

CREATE TABLE film_cast (
  film_id       INTEGER NOT NULL REFERENCES films(id) ON DELETE CASCADE,
  billing_order INTEGER NOT NULL,
  name          TEXT NOT NULL,
  PRIMARY KEY (film_id, billing_order)
) WITHOUT ROWID;
CREATE INDEX film_cast_name ON film_cast(name COLLATE NOCASE);

CREATE TABLE film_crew (
  film_id    INTEGER NOT NULL REFERENCES films(id) ON DELETE CASCADE,
  name       TEXT NOT NULL,
  job        TEXT NOT NULL,
  department TEXT,
  PRIMARY KEY (film_id, job, name)
) WITHOUT ROWID;
CREATE INDEX film_crew_name ON film_crew(name COLLATE NOCASE);

-- Quality flags: kept in silver, explained, left out of training by default.
CREATE TABLE film_flags (
  film_id INTEGER NOT NULL REFERENCES films(id) ON DELETE CASCADE,
  flag    TEXT NOT NULL,                       -- e.g. 'budget_implausible', 'runtime_out_of_range'
  field   TEXT NOT NULL,
  message TEXT NOT NULL,
  PRIMARY KEY (film_id, flag)
) WITHOUT ROWID;

-- Rows that could not be typed, with the reason. Never deleted by an import.
CREATE TABLE quarantine (
  id         INTEGER PRIMARY KEY,
  batch_id   INTEGER NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
  row_number INTEGER NOT NULL,
  field      TEXT,                             -- the column at fault, when one is
  reason     TEXT NOT NULL,
  raw_json   TEXT NOT NULL                     -- the raw fields, as in bronze
);
CREATE INDEX quarantine_batch ON quarantine(batch_id);

-- Model versions. status: ready | active | archived; one active per target.
CREATE TABLE model_versions (
  id                INTEGER PRIMARY KEY,
  target            TEXT NOT NULL,             -- revenue | hit | popularity
  algorithm         TEXT NOT NULL,
  feature_set       TEXT NOT NULL,
  params_json       TEXT NOT NULL,
  feature_spec_json TEXT NOT NULL,
  cv_json           TEXT,                      -- the CV table (every candidate and fold)
  metrics_json      TEXT,                      -- the chosen candidate's CV metrics
  calibration_json  TEXT,                      -- out-of-fold residuals / probabilities for intervals and calibration
  data_json         TEXT NOT NULL,             -- {batches, rows, fingerprint, years}
  artifact_json     TEXT NOT NULL,             -- the portable model (toJSON)
  status            TEXT NOT NULL DEFAULT 'ready' CHECK (status IN ('ready', 'active', 'archived')),
  note              TEXT,
  created_at        TEXT NOT NULL,
  activated_at      TEXT
);
CREATE UNIQUE INDEX model_versions_one_active ON model_versions(target) WHERE status = 'active';

-- Gold: what the active models say of every silver film.
CREATE TABLE gold_predictions (
  model_id   INTEGER NOT NULL REFERENCES model_versions(id) ON DELETE CASCADE,
  film_id    INTEGER NOT NULL REFERENCES films(id) ON DELETE CASCADE,
  prediction REAL NOT NULL,                    -- in the target's reported unit (dollars, probability, popularity)
  PRIMARY KEY (model_id, film_id)
) WITHOUT ROWID;

CREATE TABLE scenarios (
  id             INTEGER PRIMARY KEY,
  name           TEXT NOT NULL,
  note           TEXT,
  input_json     TEXT NOT NULL,
  forecast_json  TEXT,
  model_ids_json TEXT,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL
);

CREATE TABLE app_settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
`;
