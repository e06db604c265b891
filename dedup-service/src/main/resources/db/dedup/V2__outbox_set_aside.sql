-- An outbox row Kafka can never take (larger than the producer's max.request.size, or bytes that no
-- longer decode) is set aside with its reason instead of blocking every later event. It stays for
-- an operator: clear set_aside_at to publish it again once the cause is fixed.
alter table outbox
    add column set_aside_at     timestamptz,
    add column set_aside_reason text;

drop index outbox_pending;
create index outbox_pending on outbox (id) where published_at is null and set_aside_at is null;
create index outbox_set_aside on outbox (id) where set_aside_at is not null;
