-- Tag operations (add, move and remove one tag) run as jobs on the same engine as deletes and restores.
-- An item's action is what it does: a cleanup job removes tags (REMOVE_TAG items) before it deletes
-- versions (DELETE items), and a restore job puts recorded tags back (ADD_TAG items) after its restores.
-- Items written before this migration have no action: theirs is their job's kind.
ALTER TABLE cleanup_job_item ADD COLUMN action VARCHAR(20);
-- ADD_TAG, MOVE_TAG, REMOVE_TAG: the one tag the item puts on, or takes off, the version at digest.
ALTER TABLE cleanup_job_item ADD COLUMN tag VARCHAR;
-- MOVE_TAG: the image that had the tag when the move was planned.
ALTER TABLE cleanup_job_item ADD COLUMN previous_digest VARCHAR;
-- REMOVE_TAG: the placeholder manifest pushed under the tag, written before it is pushed, and its version
-- id once GitHub lists it: a job resumed after a crash finds it, and the trash never offers it for restore.
ALTER TABLE cleanup_job_item ADD COLUMN placeholder_digest VARCHAR;
ALTER TABLE cleanup_job_item ADD COLUMN placeholder_version_id BIGINT;
