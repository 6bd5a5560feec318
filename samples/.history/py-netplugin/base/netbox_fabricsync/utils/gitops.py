"""Reads fabric manifests from the Git repository that the fabric is deployed from."""
import logging

import requests

logger = logging.getLogger(__name__)

MANIFEST_SUFFIXES = (".yaml", ".yml")


class GitOpsSource:
    """A GitHub-style repository holding the fabric's YAML manifests."""

    def __init__(self, api_url, repo, branch="main", token=None):
        self.api_url = api_url.rstrip("/")
        self.repo = repo
        self.branch = branch
        self.token = token

    def _headers(self):
        headers = {"Accept": "application/vnd.github.raw+json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        return headers

    def fetch_manifest(self, path):
        url = f"{self.api_url}/repos/{self.repo}/contents/{path}?ref={self.branch}"
        response = requests.get(url, headers=self._headers())
        response.raise_for_status()
        return response.text

    def list_manifests(self, directory):
        url = f"{self.api_url}/repos/{self.repo}/contents/{directory}?ref={self.branch}"
        listing = requests.get(url, headers=self._headers())
        listing.raise_for_status()
        return [
            entry["path"]
            for entry in listing.json()
            if entry["type"] == "file" and entry["name"].endswith(MANIFEST_SUFFIXES)
        ]

    def fetch_all(self, directory):
        manifests = {}
        for path in self.list_manifests(directory):
            manifests[path] = self.fetch_manifest(path)
        logger.info("Fetched %d manifests from %s", len(manifests), self.repo)
        return manifests
