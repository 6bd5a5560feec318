"""Kubernetes access for a fabric: reads the fabric's CRDs and mirrors them into NetBox."""
import logging

from kubernetes import client
from kubernetes.client.rest import ApiException

logger = logging.getLogger(__name__)

CRD_GROUP = "fabric.githedgehog.com"
CRD_VERSION = "v1beta1"
CRD_PLURALS = ("switches", "connections", "vpcs", "vpcattachments")


class KubernetesSync:
    """Synchronises the custom resources of one fabric."""

    def __init__(self, fabric):
        self.fabric = fabric
        self._api_client = None

    def _get_api_client(self):
        if self._api_client is not None:
            return self._api_client
        fabric_config = self.fabric.get_kubernetes_config()

        configuration = client.Configuration()
        configuration.host = fabric_config["host"]
        configuration.verify_ssl = fabric_config.get("verify_ssl", True)
        if fabric_config.get("token"):
            configuration.api_key = {"authorization": fabric_config["token"]}
            configuration.api_key_prefix = {"authorization": "Bearer"}

        self._api_client = client.ApiClient(configuration)
        return self._api_client

    def test_connection(self):
        try:
            version = client.VersionApi(self._get_api_client()).get_code()
        except ApiException as exc:
            return {"success": False, "error": f"API error {exc.status}: {exc.reason}"}
        return {"success": True, "version": version.git_version}

    def list_resources(self, plural):
        api = client.CustomObjectsApi(self._get_api_client())
        namespace = self.fabric.get_kubernetes_config()["namespace"]
        response = api.list_namespaced_custom_object(
            group=CRD_GROUP,
            version=CRD_VERSION,
            namespace=namespace,
            plural=plural,
        )
        return response.get("items", [])

    def sync_all_crds(self):
        """Fetch every CRD kind of the fabric and report how many objects each has."""
        counts = {}
        errors = []
        for plural in CRD_PLURALS:
            try:
                counts[plural] = len(self.list_resources(plural))
            except ApiException as exc:
                logger.error("Listing %s failed: %s", plural, exc)
                errors.append(f"{plural}: {exc.reason}")
        if errors:
            return {"success": False, "error": "; ".join(errors), "counts": counts}
        return {"success": True, "counts": counts}
