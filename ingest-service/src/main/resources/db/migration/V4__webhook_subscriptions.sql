-- Signed-JWT webhook rules: the RSA public key Gong signs with (PEM); null for URL-key rules.
alter table connection add column webhook_public_key text;

-- An OAuth connection may ask for a backfill when it starts; it runs once the callback connects.
alter table oauth_state add column backfill_days integer;

-- One webhook subscription per connection, with the health its deliveries show.
create table webhook_subscription (
    connection_id     uuid primary key references connection (id),
    registrar         text        not null,
    auth              text        not null,
    status            text        not null,
    reason            text,
    rule_id           text,
    masked_url        text,
    subscribed_at     timestamptz not null,
    last_delivery_at  timestamptz,
    deliveries        bigint      not null default 0
);
