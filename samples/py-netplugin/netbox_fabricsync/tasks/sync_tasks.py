"""RQ tasks: the manual sync behind the Sync button, and the periodic sync of all fabrics."""
import logging

from django_rq import job

from ..models import Fabric
from ..utils.kubernetes import KubernetesSync

logger = logging.getLogger(__name__)

PERIODIC_JOB_ID = "netbox_fabricsync.periodic_fabric_sync"


@job("default")
def run_manual_sync(fabric_id):
    fabric = Fabric.objects.get(pk=fabric_id)
    k8s_sync = KubernetesSync(fabric)
    sync_result = k8s_sync.sync_all_crds()
    if sync_result.get("success"):
        fabric.mark_synced()
    else:
        fabric.mark_failed(sync_result.get("error", "Kubernetes sync failed"))
    return sync_result


@job("low")
def periodic_fabric_sync():
    results = {}
    for fabric in Fabric.objects.filter(sync_enabled=True):
        if not fabric.sync_due():
            continue
        k8s = KubernetesSync(fabric)
        result = k8s.sync_fabric()
        if result.get("success"):
            fabric.mark_synced()
        else:
            fabric.mark_failed(result.get("error", "Kubernetes sync failed"))
        results[fabric.name] = result["success"]
    logger.info("Periodic sync finished: %s", results)
    return results


def schedule_periodic_sync(scheduler, interval):
    """Registers the periodic task once; called from the rqscheduler start-up hook."""
    existing = [j for j in scheduler.get_jobs() if j.id == PERIODIC_JOB_ID]
    if existing:
        return existing[0]
    return scheduler.schedule(
        scheduled_time=None,
        func=periodic_fabric_sync,
        interval=interval,
        repeat=None,
        id=PERIODIC_JOB_ID,
    )
