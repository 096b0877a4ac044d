-- The CheckpointEvent is sent after its registry row commits. A row still unpublished on start (the process died in
-- between, or the broker was down) is announced again from event_json. Rows from before this migration were sent.
alter table checkpoint add column published boolean not null default true;
alter table checkpoint alter column published drop default;
alter table checkpoint add column event_json text;
alter table checkpoint add constraint checkpoint_unpublished_has_event check (published or event_json is not null);
create index checkpoint_unpublished on checkpoint (student_id, step) where not published;
