import unittest
from unittest import mock

from netbox_fabricsync.utils import kubernetes
from netbox_fabricsync.utils.kubernetes import KubernetesSync


def _fabric():
    fabric = mock.MagicMock()
    fabric.get_kubernetes_config.return_value = {
        "host": "https://k8s.lab:6443",
        "token": "abc",
        "namespace": "fabric",
        "verify_ssl": False,
    }
    return fabric


class KubernetesSyncTests(unittest.TestCase):
    def test_api_client_is_cached(self):
        sync = KubernetesSync(_fabric())
        self.assertIs(sync._get_api_client(), sync._get_api_client())

    def test_bearer_token_configured(self):
        with mock.patch.object(kubernetes.client, "ApiClient") as api_client:
            KubernetesSync(_fabric())._get_api_client()
        configuration = api_client.call_args.args[0]
        self.assertEqual(configuration.api_key_prefix, {"authorization": "Bearer"})

    def test_sync_all_crds_counts_items(self):
        sync = KubernetesSync(_fabric())
        with mock.patch.object(sync, "list_resources", return_value=[{}, {}]):
            result = sync.sync_all_crds()
        self.assertTrue(result["success"])
        self.assertEqual(result["counts"]["vpcs"], 2)

    def test_sync_all_crds_reports_api_errors(self):
        sync = KubernetesSync(_fabric())
        error = kubernetes.ApiException(status=403, reason="Forbidden")
        with mock.patch.object(sync, "list_resources", side_effect=error):
            result = sync.sync_all_crds()
        self.assertFalse(result["success"])
        self.assertIn("switches: Forbidden", result["error"])

    def test_test_connection_returns_version(self):
        with mock.patch.object(kubernetes.client, "VersionApi", create=True) as version_api:
            version_api.return_value.get_code.return_value.git_version = "v1.29.4"
            result = KubernetesSync(_fabric()).test_connection()
        self.assertEqual(result, {"success": True, "version": "v1.29.4"})
