"""Periodic work on the RQ workers when REDIS_URL is set: `rq cron app.rq_cron --url $REDIS_URL`.

It replaces the crontab lines of `flask alerts send` and `flask notifications send-digests`; each
job is queued on the `maillage` queue by its import path and runs in one transaction
(`app.tasks.run_job`), so an `rq worker maillage` process executes it like any other task.
"""

from rq import cron

from app.tasks import QUEUE_NAME, run_job

# Immediate alerts go out within five minutes; daily and weekly ones when they are due.
cron.register(
    run_job, QUEUE_NAME, args=("app.blueprints.alerts.services:run_due_alerts",), interval=300
)
# Daily digests at 7:00 UTC (early morning in Québec).
cron.register(run_job, QUEUE_NAME, args=("app.notify:run_digests",), cron="0 7 * * *")
