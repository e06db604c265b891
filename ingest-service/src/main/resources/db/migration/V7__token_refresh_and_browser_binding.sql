-- Token refresh whose answer never came: Gong may or may not have rotated the refresh token.
-- OUTCOME_UNKNOWN until the next attempt tells; HELD when Gong then refused the old token (no more
-- automatic attempts: an admin reconnects). Null when the last refresh was answered.
alter table connection add column token_refresh text;
alter table connection add column token_refresh_at timestamptz;

-- OAuth state bound to the browser that started it (RFC 9700 4.7, RFC 6749 10.12): SHA-256 (hex)
-- of the random verifier in that browser's HttpOnly cookie; the callback must present it.
alter table oauth_state add column browser_hash text;
