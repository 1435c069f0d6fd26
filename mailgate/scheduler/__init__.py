"""scheduler: named periodic jobs, around the journey rather than on it.

``jobs`` is the table of jobs (``auto_close``, ``retention``) and :func:`run_job`, which
runs one under its lock and records the run for ``mailgate status``; ``service`` runs
them on their intervals (``[scheduler.jobs.<name>]``) with APScheduler, in the
``scheduler`` role of ``mailgate run``.

Two periodic tasks are not jobs here, because they already run where their work is:
retrying outgoing mail is the sender's poll loop (role ``send``: a message whose attempt
failed is due again after its backoff), and polling a mailbox without IDLE is the IMAP
poller's (role ``imap``, ``poll_interval`` of each mailbox).
"""

from __future__ import annotations

from mailgate.scheduler.jobs import JOBS, Job, JobContext, Report, RunResult, run_job

__all__ = ["JOBS", "Job", "JobContext", "Report", "RunResult", "run_job"]
