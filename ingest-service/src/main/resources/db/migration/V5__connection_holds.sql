-- Gong's refusals hold a connection (statuses UNAUTHORIZED, FORBIDDEN, INSUFFICIENT_SCOPE live in
-- the existing status column). A quota answer pauses it instead: nothing calls Gong through it
-- before paused_until (Gong's hours-long Retry-After, or the local daily quota); the pause ends
-- by itself, and a successful health check or edit clears it.
alter table connection add column paused_until timestamptz;
alter table connection add column pause_reason text;
