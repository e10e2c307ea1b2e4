-- The notification relay reads the unpublished events of its four topics every minute
-- (platform/outbox.ts `unpublished`). Events of other topics are never published, so an
-- index on id alone made that read walk every one of them, more with each purchase. The same
-- partial index, led by the topic: one index as before, so a purchase's insert costs the same.
DROP INDEX IF EXISTS outbox_unpublished_idx;
CREATE INDEX outbox_unpublished_topic_idx ON outbox (topic, id) WHERE published_at IS NULL;
