import unittest
from unittest import mock

from netbox_fabricsync.tasks import sync_tasks


class ManualSyncTests(unittest.TestCase):
    @mock.patch.object(sync_tasks, "KubernetesSync", autospec=True)
    @mock.patch.object(sync_tasks, "Fabric")
    def test_manual_sync_marks_synced(self, Fabric, KubernetesSync):
        fabric = Fabric.objects.get.return_value
        KubernetesSync.return_value.sync_all_crds.return_value = {"success": True}
        self.assertEqual(sync_tasks.run_manual_sync(3), {"success": True})
        fabric.mark_synced.assert_called_once()


class PeriodicSyncTests(unittest.TestCase):
    @mock.patch.object(sync_tasks, "KubernetesSync", autospec=True)
    @mock.patch.object(sync_tasks, "Fabric")
    def test_periodic_sync_calls_kubernetes(self, Fabric, KubernetesSync):
        fabric = mock.MagicMock()
        fabric.name = "lab-1"
        fabric.sync_due.return_value = True
        Fabric.objects.filter.return_value = [fabric]
        KubernetesSync.return_value.sync_all_crds.return_value = {"success": True}
        self.assertEqual(sync_tasks.periodic_fabric_sync(), {"lab-1": True})
