-- Connections of orgs to Gong workspaces. Credentials are Tink AEAD ciphertexts bound to the row id.
create table connection (
    id                uuid primary key,
    org_id            text        not null,
    auth_kind         text        not null,
    base_url          text        not null,
    status            text        not null,
    status_reason     text,
    scopes            text        not null default '',
    masked_key        text,
    masked_secret     text,
    credentials       bytea,
    credentials_key   bigint,
    token_expires_at  timestamptz,
    webhook_key_hash  text,
    health_at         timestamptz,
    health_ok         boolean,
    health_users      integer,
    health_detail     text,
    created_at        timestamptz not null,
    updated_at        timestamptz not null
);

-- One live connection per org, and one org per workspace.
create unique index connection_one_per_org on connection (org_id) where status <> 'DISCONNECTED';
create unique index connection_one_org_per_workspace on connection (base_url) where status <> 'DISCONNECTED';
create index connection_refresh_due on connection (token_expires_at) where auth_kind = 'OAUTH' and status = 'CONNECTED';

-- Signed OAuth states are single use: a state is accepted once, within its lifetime.
create table oauth_state (
    id             uuid primary key,
    org_id         text        not null,
    admin_subject  text        not null,
    redirect_uri   text        not null,
    client         bytea,
    expires_at     timestamptz not null,
    used_at        timestamptz
);
