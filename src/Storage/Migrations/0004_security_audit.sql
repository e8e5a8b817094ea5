-- Security events (sign-ins, lockouts, password and account changes), kept for Administrators to review.
-- Never holds a password or a hash: only who, what, when, from where, and which non-secret fields changed.
CREATE TABLE com_security_audit (
    id      bigserial PRIMARY KEY,
    at      timestamptz NOT NULL,
    event   text NOT NULL,
    actor   text NOT NULL,
    subject text NOT NULL,
    detail  text NOT NULL DEFAULT '',
    address text NOT NULL DEFAULT ''
);
CREATE INDEX com_security_audit_at ON com_security_audit (at DESC, id DESC);
