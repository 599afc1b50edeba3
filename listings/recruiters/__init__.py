"""The recruiter side of listings: the posting form, its workflow, the dashboard."""
