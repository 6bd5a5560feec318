import unittest
from unittest import mock

from netbox_fabricsync.jobs import fabric_sync
from netbox_fabricsync.jobs.fabric_sync import FabricSyncJob, enqueue_fabric_sync


class FabricSyncJobTests(unittest.TestCase):
    def setUp(self):
        patcher = mock.patch.object(fabric_sync, "Fabric")
        self.Fabric = patcher.start()
        self.addCleanup(patcher.stop)
        self.fabric = mock.MagicMock(kubernetes_server="https://k8s.lab:6443")
        self.fabric.name = "lab-1"
        self.Fabric.objects.get.return_value = self.fabric

    def test_run_without_server_fails(self):
        self.fabric.kubernetes_server = ""
        result = FabricSyncJob(7).run()
        self.assertFalse(result["success"])
        self.fabric.mark_failed.assert_called_once_with("No Kubernetes server configured")

    def test_run_marks_fabric_synced(self):
        result = FabricSyncJob(7).run()
        self.assertTrue(result["success"])
        self.fabric.mark_synced.assert_called_once()

    def test_duration_none_before_run(self):
        self.assertIsNone(FabricSyncJob(7).duration())

    def test_enqueue_logs_failure(self):
        self.fabric.kubernetes_server = ""
        with self.assertLogs("netbox_fabricsync.jobs.fabric_sync", level="WARNING"):
            result = enqueue_fabric_sync(7)
        self.assertFalse(result["success"])
