-- A call published without Gong's brief (its AI summary arrives after analysis) stays PUBLISHED and
-- is re-checked: summary_pending_since is when it was published without one (null: nothing pending),
-- next_attempt_at when calls/extensive is asked again, summary_checks how often it was. The brief
-- found republishes the call under the same key; past the configured age the re-checks stop.
alter table call add column summary_pending_since timestamptz;
alter table call add column summary_checks integer not null default 0;
create index call_summary_due on call (next_attempt_at) where summary_pending_since is not null;
