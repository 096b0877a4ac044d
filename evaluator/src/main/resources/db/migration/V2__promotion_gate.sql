-- The promotion gate: each student's champion, and every promotion as an outbox row (published_at is set once the
-- broker acknowledged its PromotionEvent; unpublished ones are sent again at start).
alter table benchmark_result add column teacher_version text;
alter table benchmark_result add column verdict text;
update benchmark_result set verdict = 'unjudged' where verdict is null;
alter table benchmark_result alter column verdict set not null;

create table champion (
    student_id      text primary key,
    checkpoint_id   text             not null,
    benchmark_id    text             not null references benchmark_result (benchmark_id),
    accuracy        double precision not null,
    teacher_version text,
    promoted_at     timestamptz      not null
);

create table promotion (
    event_id      text primary key, -- the PromotionEvent's deterministic id
    student_id    text        not null,
    checkpoint_id text        not null,
    event_json    text        not null,
    created_at    timestamptz not null,
    published_at  timestamptz
);
create index promotion_unpublished on promotion (created_at) where published_at is null;

-- Checkpoints that were not scored: skipped (a newer one of the same student arrived before scoring began) or failed
-- (missing or unreadable), with the reason.
create table unscored_checkpoint (
    checkpoint_id text primary key,
    student_id    text        not null,
    status        text        not null,
    reason        text        not null,
    created_at    timestamptz not null
);
