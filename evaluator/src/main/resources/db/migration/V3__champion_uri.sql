-- Where the champion's checkpoint lives, so the serving endpoint can load it (rows promoted before this have none and
-- are served only once a newer champion is promoted).
alter table champion add column uri text;
