"""Submitting a job to Zoho and explaining its result (issue 9)."""
