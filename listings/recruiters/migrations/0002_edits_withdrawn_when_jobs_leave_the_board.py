"""A job leaving the board (closed, expired, rejected...) withdraws its pending edit.

The edit waits to be applied to a live job; off the board it never can be, and would sit in
the review queue where approve and reject both refuse it. Jobs change status in ``listings``
(admin, expiry, feeds), which knows nothing of recruiters' edits, so the rule is a trigger on
the job's status: no writer of jobs can forget it. It fires only for rows whose status
changed, and each firing is one lookup on the "one pending edit per job" index.
"""

from django.db import migrations

CREATE = """
CREATE FUNCTION recruiters_withdraw_pending_edit() RETURNS trigger AS $$
BEGIN
    UPDATE listings_jobrevision
    SET status = 'withdrawn', decided_at = now()
    WHERE job_id = NEW.id AND status = 'pending';
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER recruiters_withdraw_pending_edit
AFTER UPDATE OF status ON listings_job
FOR EACH ROW
WHEN (OLD.status IS DISTINCT FROM NEW.status AND NEW.status <> 'published')
EXECUTE FUNCTION recruiters_withdraw_pending_edit();
"""

DROP = """
DROP TRIGGER IF EXISTS recruiters_withdraw_pending_edit ON listings_job;
DROP FUNCTION IF EXISTS recruiters_withdraw_pending_edit();
"""


class Migration(migrations.Migration):
    dependencies = [("recruiters", "0001_initial")]

    operations = [migrations.RunSQL(CREATE, DROP)]
