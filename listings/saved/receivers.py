"""The one signal this app listens to: a log-in, to merge the session's saved jobs."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from listings.saved.services import saved_jobs_merge


# A signal, not a call in the log-in view: every way into an account ends in
# django.contrib.auth.login(), which sends it - our log-in form, the admin's, and any sign-up
# or password reset that logs the person in - so no path can forget the merge. The hook only
# hands over; the work is the service's.
@receiver(user_logged_in, dispatch_uid="saved-jobs-merge-on-log-in")
def merge_saved_jobs_on_log_in(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        saved_jobs_merge(user=user, session=request.session)
