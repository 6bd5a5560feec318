import unittest
from unittest import mock

from netbox_fabricsync.utils.gitops import GitOpsSource


class GitOpsSourceTests(unittest.TestCase):
    def setUp(self):
        self.source = GitOpsSource("https://api.github.example/", "netops/fabric-lab", token="t0k")

    @mock.patch("netbox_fabricsync.utils.gitops.requests.get")
    def test_fetch_manifest_sets_timeout(self, get):
        get.return_value.text = "kind: VPC\n"
        self.assertEqual(self.source.fetch_manifest("vpcs/default.yaml"), "kind: VPC\n")
        self.assertEqual(get.call_args.kwargs["timeout"], (5, 30))

    @mock.patch("netbox_fabricsync.utils.gitops.requests.get")
    def test_list_manifests_filters_yaml(self, get):
        get.return_value.json.return_value = [
            {"type": "file", "name": "a.yaml", "path": "vpcs/a.yaml"},
            {"type": "file", "name": "README.md", "path": "vpcs/README.md"},
            {"type": "dir", "name": "old.yml", "path": "vpcs/old.yml"},
        ]
        self.assertEqual(self.source.list_manifests("vpcs"), ["vpcs/a.yaml"])

    @mock.patch("netbox_fabricsync.utils.gitops.requests.get")
    def test_list_manifests_sets_timeout(self, get):
        get.return_value.json.return_value = []
        self.source.list_manifests("vpcs")
        self.assertIn("timeout", get.call_args.kwargs)
