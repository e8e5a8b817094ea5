-- Remote support (SPEC RS-1, RS-6).
--
-- Maintenance proxy accounts: one per reseller and per distributor, keyed by kind ('reseller' or 'distributor') and the
-- name customers give (compared without case). Credentials are set later by a Supervisor or Operator, so user_name and
-- password_hash stay NULL until then; user names are unique across every account, without case.
CREATE TABLE com_proxy_accounts (
    kind          text NOT NULL CHECK (kind IN ('reseller', 'distributor')),
    name          text NOT NULL,
    user_name     text NULL,
    password_hash text NULL,
    updated_by    text NULL,
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CHECK ((user_name IS NULL) = (password_hash IS NULL))
);
CREATE UNIQUE INDEX com_proxy_accounts_key ON com_proxy_accounts (kind, lower(name));
CREATE UNIQUE INDEX com_proxy_accounts_user ON com_proxy_accounts (lower(user_name)) WHERE user_name IS NOT NULL;

-- Tunnel sessions, the audit of every tunnel the proxy opened or refused after sign-in: who, when, where to, the bytes
-- each way and why it ended. silo is the silo holding the client's socket, which alone can end the tunnel.
CREATE TABLE com_tunnel_sessions (
    id            uuid PRIMARY KEY,
    account       text NOT NULL,
    customer_id   text NOT NULL,
    target        text NOT NULL,
    client        text NOT NULL,
    silo          text NOT NULL,
    started_at    timestamptz NOT NULL,
    ended_at      timestamptz NULL,
    bytes_up      bigint NOT NULL DEFAULT 0,
    bytes_down    bigint NOT NULL DEFAULT 0,
    end_reason    text NULL
);
CREATE INDEX com_tunnel_sessions_started ON com_tunnel_sessions (started_at DESC);
CREATE INDEX com_tunnel_sessions_live ON com_tunnel_sessions (silo) WHERE ended_at IS NULL;
