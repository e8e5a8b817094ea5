-- Tables behind Orleans' ADO.NET clustering, reminders and grain persistence.
-- Orleans reads its statements from `orleansquery` (unquoted name: its bootstrap query is unquoted).

CREATE TABLE orleansquery (
    querykey  varchar(64) PRIMARY KEY,
    querytext text NOT NULL
);

-- One row per cluster: the membership table's version, the optimistic-concurrency token of every membership change.
CREATE TABLE orleans_membership_version (
    deployment_id text PRIMARY KEY,
    version       integer NOT NULL DEFAULT 0 CHECK (version >= 0),
    changed_at    timestamptz NOT NULL DEFAULT now()
);

-- One row per silo instance (address, port, generation).
CREATE TABLE orleans_membership (
    deployment_id   text NOT NULL REFERENCES orleans_membership_version ON DELETE CASCADE,
    address         text NOT NULL,
    port            integer NOT NULL,
    generation      integer NOT NULL,
    silo_name       text NOT NULL,
    host_name       text NOT NULL,
    status          integer NOT NULL,
    proxy_port      integer NOT NULL DEFAULT 0,
    suspect_times   text,
    start_time      timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

-- Hashes are the signed 32-bit values Orleans computes in .NET; ranges compare them signed.
CREATE TABLE orleans_reminders (
    service_id    text NOT NULL,
    grain_id      text NOT NULL,
    reminder_name text NOT NULL,
    start_time    timestamptz NOT NULL,
    period        bigint NOT NULL,
    grain_hash    integer NOT NULL,
    version       integer NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);
CREATE INDEX orleans_reminders_by_hash ON orleans_reminders (service_id, grain_hash);

-- Grain state. The unique identity makes two racing first writes impossible (one wins, the other conflicts).
CREATE TABLE orleans_storage (
    grain_id_hash             integer NOT NULL,
    grain_id_n0               bigint NOT NULL,
    grain_id_n1               bigint NOT NULL,
    grain_type_hash           integer NOT NULL,
    grain_type_string         text NOT NULL,
    grain_id_extension_string text,
    service_id                text NOT NULL,
    payload_binary            bytea,
    version                   integer NOT NULL,
    modified_on               timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT orleans_storage_identity UNIQUE NULLS NOT DISTINCT
        (grain_id_hash, grain_type_hash, grain_id_n0, grain_id_n1, grain_type_string, grain_id_extension_string, service_id)
);
