"""Compares what NetBox holds for a fabric with what the cluster reports."""
import logging

logger = logging.getLogger(__name__)


class ReconciliationManager:
    """Finds objects that exist on only one side, or differ between the two."""

    def __init__(self, fabric):
        self.fabric = fabric

    def get_netbox_resources(self):
        """Get all fabric resources from NetBox (mock implementation)"""
        # For demo purposes, returning mock data
        return {
            "switches": ["leaf-01", "leaf-02", "spine-01"],
            "vpcs": ["vpc-default"],
        }

    def compare(self, cluster_resources):
        netbox_resources = self.get_netbox_resources()
        report = {"missing_in_netbox": {}, "missing_in_cluster": {}}
        for kind in sorted(set(netbox_resources) | set(cluster_resources)):
            ours = set(netbox_resources.get(kind, []))
            theirs = set(cluster_resources.get(kind, []))
            if theirs - ours:
                report["missing_in_netbox"][kind] = sorted(theirs - ours)
            if ours - theirs:
                report["missing_in_cluster"][kind] = sorted(ours - theirs)
        return report

    def is_in_sync(self, cluster_resources):
        report = self.compare(cluster_resources)
        in_sync = not report["missing_in_netbox"] and not report["missing_in_cluster"]
        logger.debug("Fabric %s in sync: %s", self.fabric, in_sync)
        return in_sync