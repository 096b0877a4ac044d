-- A round of training per announced teacher version: the training loop starts it from the champion (else the newest
-- checkpoint) with a fresh learning-rate schedule. A round has started once a checkpoint records it, so a crash
-- before that starts it again.
create table training_round (
    teacher_version text primary key,
    announced_at    timestamptz not null
);
alter table checkpoint add column round text;
alter table checkpoint add column round_start_step bigint not null default 0;
-- the checkpoint the round started from (the champion, else the newest); null if it started from none
alter table checkpoint add column round_from text;
